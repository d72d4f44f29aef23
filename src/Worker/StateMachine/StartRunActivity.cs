using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Starts a run of a new, valid request: observes the plan's facts, plans, and sends the routing slip. When the facts
/// cannot be had the run ends at once, rolled back at stage <c>plan</c>, before any stage has touched anything.
/// </summary>
public sealed class StartRunActivity(IPlanFactsResolver facts, TimeProvider clock) : IStateMachineActivity<ProvisioningState, ProvisionEnvironment>
{
    public async Task Execute(BehaviorContext<ProvisioningState, ProvisionEnvironment> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next)
    {
        var (saga, message, now) = (context.Saga, context.Message, clock.GetUtcNow());
        var reconcile = saga.History.LastOrDefault(h => h.Outcome != RunOutcome.RolledBack)?.Outcome == RunOutcome.Provisioned;
        saga.Run = new Run { RequestId = message.RequestId, Kind = RunKind.Provision, Reconcile = reconcile, Attempts = 1, StartedAt = now };
        (saga.Environment, saga.Request, saga.Problems) = (message.Request.Environment, message.Request, []);
        try
        {
            var resolved = await facts.ResolveAsync(message.Request, context.CancellationToken);
            (saga.AccountId, saga.OidcIssuer) = (resolved.AccountId, resolved.OidcIssuer);
            await StartSlip(context, now);
        }
        catch (PlanFactsException ex)
        {
            (saga.Run.FailedStage, saga.Run.Reason) = ("plan", ex.Message);
            await context.Publish(new StageFailed(message.RequestId, saga.Environment, "plan", ex.Message, now, now));
            await RunRecorder.Finish(context, RunOutcome.RolledBack, now);
        }
        await next.Execute(context);
    }

    /// <summary>Plans from the saga's recorded request and facts, so a resumed run lands on the same resources.</summary>
    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, DateTimeOffset now)
    {
        var (saga, plan) = (c.Saga, RunPlan.Of(c.Saga)!);
        if (saga.Run.Kind == RunKind.Deprovision)
        {
            await StartTeardownActivity.StartSlip(c, plan, now);
            return;
        }
        var trackingNumber = NewId.NextGuid();
        RunLedger.Begin(saga.Run, plan.Stages, trackingNumber, now);
        await c.Publish(new EnvironmentRunStarted(saga.Run.RequestId, saga.Environment, plan.Stages, saga.Run.Reconcile, now));
        await c.Execute(RoutingSlipFactory.Build(plan, saga.CorrelationId, trackingNumber, c.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, ProvisionEnvironment, TException> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-run");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
