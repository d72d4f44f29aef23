using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Watches the events this process publishes (the same set the outlet sends): shows each one of the request and
/// completes when it has an outcome.
/// </summary>
public sealed class RunObserver(Guid requestId, RunProgress progress) : IPublishObserver
{
    private readonly TaskCompletionSource<object> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object> Outcome => outcome.Task;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        var message = context.Message;
        if (!OutletEvents.IsEvent(message.GetType())) return Task.CompletedTask;
        if (RequestIdOf(message) != requestId) return Task.CompletedTask;
        var isOutcome = OutletEvents.IsOutcome(message.GetType());
        progress.OnEvent(message, isOutcome);
        if (isOutcome) outcome.TrySetResult(message);
        return Task.CompletedTask;
    }

    public static int ExitCode(object outcome) => outcome switch
    {
        EnvironmentProvisioned or EnvironmentDeprovisioned or AccessKeyRotated => 0,
        EnvironmentRolledBack or EnvironmentDeprovisionFailed or AccessKeyRotationRefused => 1,
        EnvironmentRequestRejected => 2,
        _ => 3,
    };

    private static Guid? RequestIdOf(object message) => message.GetType().GetProperty("RequestId")?.GetValue(message) as Guid?;

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
