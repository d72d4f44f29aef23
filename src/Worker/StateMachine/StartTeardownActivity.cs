using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Starts deprovisioning: every resource of the environment's inventory removed in reverse stage order, each observed
/// first, so a second deprovisioning finds nothing to do. An environment that has nothing created nothing.
/// </summary>
public sealed class StartTeardownActivity(TimeProvider clock, ILogger<StartTeardownActivity> logger) : IStateMachineActivity<ProvisioningState>
{
    public async Task Execute(BehaviorContext<ProvisioningState> context, IBehavior<ProvisioningState> next)
    {
        await StartAsync(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<ProvisioningState, T> context, IBehavior<ProvisioningState, T> next) where T : class
    {
        await StartAsync(context);
        await next.Execute(context);
    }

    private async Task StartAsync(BehaviorContext<ProvisioningState> c)
    {
        var (saga, now) = (c.Saga, clock.GetUtcNow());
        var pending = saga.PendingDeprovision ?? new PendingDeprovision(Guid.NewGuid(), false);
        saga.PendingDeprovision = null;
        saga.Run = new Run
        {
            RunId = NewId.NextGuid(), RequestId = pending.RequestId, Kind = RunKind.Deprovision, DeleteData = pending.DeleteData, Attempts = 1,
            StartedAt = now,
        };
        saga.Pending.Requests.Add(new RequestRecord(pending.RequestId, RunKind.Deprovision, saga.Run.RunId, now));
        logger.LogInformation("Deprovisioning {Environment} (request {RequestId}, deleteData {DeleteData})", saga.Environment, pending.RequestId,
            pending.DeleteData);
        if (EnvironmentInventory.ForTeardown(saga, now).Count == 0) await RunRecorder.Finish(c, RunOutcome.Deprovisioned, now);
        else await StartSlip(c, now);
    }

    /// <summary>From the inventory as it is now: a resumed deprovisioning removes what the lost attempt had not.</summary>
    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, DateTimeOffset now)
    {
        var (saga, trackingNumber) = (c.Saga, NewId.NextGuid());
        var slip = RoutingSlipFactory.BuildTeardown(EnvironmentInventory.ForTeardown(saga, now), saga.Run.DeleteData, saga.Run.RunId,
            saga.Environment, trackingNumber);
        RunLedger.Begin(saga.Run, slip.Steps, trackingNumber, now);
        await c.PublishEvent(new EnvironmentRunStarted(saga.Run.RequestId, saga.Environment, slip.Steps.Select(s => s.Name).ToList(), false, now));
        await c.Execute(slip.Build(saga.CorrelationId, c.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, TException> context, IBehavior<ProvisioningState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<ProvisioningState, T, TException> context,
        IBehavior<ProvisioningState, T> next) where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-teardown");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
