using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Starts deprovisioning: the stages of the environment's last plan removed in reverse order, each observed first, so
/// a second deprovisioning finds nothing to do. An environment whose requests never got past planning created nothing.
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
        var plan = RunPlan.Of(saga); // the last provisioning run's plan, before the new run takes its place
        saga.Run = new Run { RequestId = pending.RequestId, Kind = RunKind.Deprovision, DeleteData = pending.DeleteData, Attempts = 1, StartedAt = now };
        logger.LogInformation("Deprovisioning {Environment} (request {RequestId}, deleteData {DeleteData})", saga.Environment, pending.RequestId,
            pending.DeleteData);
        if (plan is null) await RunRecorder.Finish(c, RunOutcome.Deprovisioned, now);
        else await StartSlip(c, plan, now);
    }

    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, EnvironmentPlan plan, DateTimeOffset now)
    {
        var (saga, trackingNumber) = (c.Saga, NewId.NextGuid());
        var stages = RoutingSlipFactory.TeardownStages(plan);
        RunLedger.Begin(saga.Run, stages, trackingNumber, now);
        await c.Publish(new EnvironmentRunStarted(saga.Run.RequestId, saga.Environment, stages, false, now));
        await c.Execute(RoutingSlipFactory.BuildTeardown(plan, saga.Run.DeleteData, saga.CorrelationId, trackingNumber, c.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, TException> context, IBehavior<ProvisioningState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<ProvisioningState, T, TException> context,
        IBehavior<ProvisioningState, T> next) where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-teardown");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
