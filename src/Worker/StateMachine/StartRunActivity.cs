using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Starts a run of a new, valid request under a run id of the worker's own: records the request id for good, observes
/// the plan's facts, plans, and sends the routing slip. When the facts cannot be had the run ends at once, rolled back at
/// stage <c>plan</c>, before any stage has touched anything — and what was applied before stays applied.
/// </summary>
public sealed class StartRunActivity(IPlanFactsResolver facts, ProfileCatalog profiles, TimeProvider clock) : IStateMachineActivity<ProvisioningState, ProvisionEnvironment>
{
    public async Task Execute(BehaviorContext<ProvisioningState, ProvisionEnvironment> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next)
    {
        var (saga, message, now) = (context.Saga, context.Message, clock.GetUtcNow());
        // The run keeps the request as its profile shaped it: the forced path and boundary are applied, then pinned to the run.
        var request = profiles.Apply(message.Request, Tenancy.CallerOf(message)).Request;
        saga.Run = new Run
        {
            RunId = NewId.NextGuid(), RequestId = message.RequestId, Kind = RunKind.Provision, Reconcile = saga.Applied is not null,
            Request = request, Attempts = 1, StartedAt = now,
        };
        (saga.Environment, saga.Problems) = (message.Request.Environment, []);
        saga.Tenant ??= Tenancy.CallerOf(message).Tenant;
        saga.Pending.Requests.Add(new RequestRecord(message.RequestId, RunKind.Provision, saga.Run.RunId, now));
        try
        {
            var resolved = await facts.ResolveAsync(request, context.CancellationToken);
            if (Pinning.FactsProblem(saga.Applied, resolved.AccountId, resolved.OidcIssuer, request) is { } pinned)
                throw new PlanFactsException(pinned);
            (saga.Run.AccountId, saga.Run.OidcIssuer) = (resolved.AccountId, resolved.OidcIssuer);
            await StartSlip(context, now);
        }
        catch (PlanFactsException ex)
        {
            (saga.Run.FailedStage, saga.Run.Reason) = ("plan", ex.Message);
            await context.PublishEvent(new StageFailed(message.RequestId, saga.Environment, "plan", ex.Message, now, now));
            await RunRecorder.Finish(context, RunOutcome.RolledBack, now);
        }
        await next.Execute(context);
    }

    /// <summary>Plans from the run's recorded attempt, so a resumed run lands on the same resources.</summary>
    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, DateTimeOffset now)
    {
        var (saga, plan) = (c.Saga, RunPlan.Of(c.Saga)!);
        var trackingNumber = NewId.NextGuid();
        var slip = RoutingSlipFactory.Build(plan, RoutingSlipFactory.Stale(plan, saga.Inventory), trackingNumber, saga.Run.Repair);
        RunLedger.Begin(saga.Run, slip.Steps, trackingNumber, now);
        await c.PublishEvent(new EnvironmentRunStarted(saga.Run.RequestId, saga.Environment, slip.Steps.Select(s => s.Name).ToList(),
            saga.Run.Reconcile, now));
        await c.Execute(slip.Build(saga.CorrelationId, c.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, ProvisionEnvironment, TException> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-run");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
