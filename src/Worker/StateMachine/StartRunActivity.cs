using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Validates once, observes the plan's facts, plans, and starts the routing slip. A duplicate request gets the
/// answer it got before; an invalid one is rejected with every problem before any cloud call.
/// </summary>
public sealed class StartRunActivity(IPlanFactsResolver facts, TimeProvider clock,
    ILogger<StartRunActivity> logger) : IStateMachineActivity<ProvisioningState, ProvisionEnvironment>
{
    public async Task Execute(BehaviorContext<ProvisioningState, ProvisionEnvironment> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next)
    {
        await Decide(context);
        await next.Execute(context);
    }

    private async Task Decide(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        var saga = c.Saga;
        var message = c.Message;
        var now = clock.GetUtcNow();
        if (saga.History.LastOrDefault(h => h.RequestId == message.RequestId) is { } earlier)
        {
            saga.Decision = RunDecisions.Duplicate;
            await RunRecorder.PublishOutcome(c, earlier.RequestId, earlier.Outcome);
            return;
        }

        var problems = RequestValidator.Validate(message.Request, now);
        if (problems.Count > 0)
        {
            saga.Decision = RunDecisions.Rejected;
            if (saga.History.Count == 0) (saga.Environment, saga.RequestId, saga.Problems) = (message.Request.Environment, message.RequestId, problems.ToList());
            logger.LogWarning("Request {RequestId} for {Environment} rejected: {Problems}", message.RequestId,
                message.Request.Environment, problems.Select(p => p.ToString()));
            await c.Publish(new EnvironmentRequestRejected(message.RequestId, message.Request.Environment, problems, now));
            return;
        }

        saga.Reconcile = saga.History.LastOrDefault(h => h.Outcome != RunLedger.OutcomeRolledBack)?.Outcome == RunLedger.OutcomeProvisioned;
        saga.RunKind = RunLedger.KindProvision;
        (saga.Environment, saga.RequestId, saga.Request, saga.Problems, saga.Attempts) =
            (message.Request.Environment, message.RequestId, message.Request, [], 1);
        saga.StartedAt = now;
        try
        {
            var resolved = await facts.ResolveAsync(message.Request, c.CancellationToken);
            (saga.AccountId, saga.OidcIssuer) = (resolved.AccountId, resolved.OidcIssuer);
        }
        catch (PlanFactsException ex)
        {
            await FailBeforeFirstStage(c, ex.Message, now);
            return;
        }

        saga.Decision = RunDecisions.Started;
        await StartSlip(c, now);
    }

    /// <summary>Plans from the saga's recorded request and facts, so a resumed run lands on the same resources.</summary>
    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, DateTimeOffset now)
    {
        var saga = c.Saga;
        var plan = Planner.Plan(saga.Request!, saga.RequestId, new PlanFacts(saga.AccountId!, saga.OidcIssuer!));
        if (saga.RunKind == RunLedger.KindDeprovision)
        {
            await StartTeardownActivity.StartSlip(c, plan, now);
            return;
        }
        var trackingNumber = NewId.NextGuid();
        RunLedger.Begin(saga, plan.Stages, trackingNumber, now);
        await c.Publish(new EnvironmentRunStarted(saga.RequestId, saga.Environment, plan.Stages, saga.Reconcile, now));
        await c.Execute(RoutingSlipFactory.Build(plan, saga.CorrelationId, trackingNumber, c.ReceiveContext.InputAddress));
    }

    private static async Task FailBeforeFirstStage(BehaviorContext<ProvisioningState> c, string reason, DateTimeOffset now)
    {
        var saga = c.Saga;
        saga.Decision = RunDecisions.PlanFailed;
        saga.Stages = [];
        (saga.FailedStage, saga.Reason, saga.Outcome, saga.FinishedAt) = ("plan", reason, RunLedger.OutcomeRolledBack, now);
        saga.History.Add(new RunSummary(saga.RequestId, RunLedger.OutcomeRolledBack, "plan", reason, now));
        await c.Publish(new StageFailed(saga.RequestId, saga.Environment, "plan", reason, now, now));
        await c.Publish(new EnvironmentRolledBack(saga.RequestId, saga.Environment, "plan", reason, now));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, ProvisionEnvironment, TException> context,
        IBehavior<ProvisioningState, ProvisionEnvironment> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-run");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
