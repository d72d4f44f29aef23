using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Starts deprovisioning: the stages of the environment's last plan removed in reverse order, each observed first, so
/// a second deprovisioning finds nothing to do. An environment whose requests never got past planning created nothing.
/// </summary>
public sealed class StartTeardownActivity(TimeProvider clock, ILogger<StartTeardownActivity> logger)
    : IStateMachineActivity<ProvisioningState>
{
    public const string NothingToRemove = "nothing-to-remove";

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
        var saga = c.Saga;
        var now = clock.GetUtcNow();
        var requestId = saga.PendingDeprovision ?? Guid.NewGuid();
        saga.PendingDeprovision = null;
        EnvironmentPlan? plan = saga is { Request: { } request, AccountId: { } account, OidcIssuer: { } issuer }
            ? Planner.Plan(request, saga.RequestId, new PlanFacts(account, issuer))
            : null;
        (saga.RequestId, saga.RunKind, saga.Reconcile, saga.Attempts, saga.StartedAt) = (requestId, RunLedger.KindDeprovision, false, 1, now);
        logger.LogInformation("Deprovisioning {Environment} (request {RequestId}, deleteData {DeleteData})", saga.Environment, requestId,
            saga.DeleteData);
        if (plan is null)
        {
            saga.Decision = NothingToRemove;
            saga.Stages = [];
            (saga.Outcome, saga.FailedStage, saga.Reason, saga.Leftovers, saga.FinishedAt) = (RunLedger.OutcomeDeprovisioned, null, null, [], now);
            saga.History.Add(new RunSummary(requestId, RunLedger.OutcomeDeprovisioned, null, null, now));
            await c.Publish(new EnvironmentDeprovisioned(requestId, saga.Environment, [], now));
            return;
        }
        saga.Decision = RunDecisions.Started;
        await StartSlip(c, plan, now);
    }

    public static async Task StartSlip(BehaviorContext<ProvisioningState> c, EnvironmentPlan plan, DateTimeOffset now)
    {
        var saga = c.Saga;
        var trackingNumber = NewId.NextGuid();
        var stages = RoutingSlipFactory.TeardownStages(plan);
        RunLedger.Begin(saga, stages, trackingNumber, now);
        await c.Publish(new EnvironmentRunStarted(saga.RequestId, saga.Environment, stages, false, now));
        await c.Execute(RoutingSlipFactory.BuildTeardown(plan, saga.DeleteData, saga.CorrelationId, trackingNumber, c.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, TException> context, IBehavior<ProvisioningState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<ProvisioningState, T, TException> context,
        IBehavior<ProvisioningState, T> next) where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-teardown");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
