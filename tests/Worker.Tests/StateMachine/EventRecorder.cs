using System.Collections.Concurrent;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>Every contract event published in the process, in publish order, and a way to await an outcome.</summary>
public sealed class EventRecorder : IPublishObserver
{
    private readonly ConcurrentQueue<object> events = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> outcomes = new();

    public IReadOnlyList<object> Events => events.ToList();

    public IReadOnlyList<object> For(Guid requestId) => events.Where(e => RequestIdOf(e) == requestId).ToList();

    public async Task<object> OutcomeAsync(Guid requestId, TimeSpan? timeout = null) =>
        await Waiter(requestId).Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        var message = context.Message;
        if (message is ProvisionEnvironment or GetEnvironmentStatus or DeprovisionEnvironment or RotateAccessKey || typeof(T).Namespace != typeof(StageCompleted).Namespace)
            return Task.CompletedTask;
        events.Enqueue(message);
        if (OutletEvents.IsOutcome(message.GetType()) && RequestIdOf(message) is { } id)
            Waiter(id).TrySetResult(message);
        return Task.CompletedTask;
    }

    public static string Describe(object e) => e switch
    {
        EnvironmentRunStarted => "started",
        StageCompleted { Action: "retained" or "absent" } s => $"{s.Action} {s.Stage}",
        StageCompleted s => $"completed {s.Stage}",
        StageFailed s => $"failed {s.Stage}",
        StageCompensated s => $"compensated {s.Stage}",
        StageCompensationFailed s => $"compensation-failed {s.Stage}",
        EnvironmentProvisioned => "provisioned",
        EnvironmentRolledBack r => $"rolled-back {r.FailedStage}",
        EnvironmentCompensationFailed => "compensation-failed",
        EnvironmentRequestRejected => "rejected",
        EnvironmentDeprovisioned => "deprovisioned",
        EnvironmentDeprovisionFailed => "deprovision-failed",
        _ => e.GetType().Name,
    };

    private TaskCompletionSource<object> Waiter(Guid id) =>
        outcomes.GetOrAdd(id, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static Guid? RequestIdOf(object message) => message.GetType().GetProperty("RequestId")?.GetValue(message) as Guid?;

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
