using MassTransit;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Drift;

/// <summary>
/// Repair mode: re-applies the applied request as a reconcile run under a request id of its own, with the facts it was
/// applied with, through the same routing slip as any run — stage events, compensation and outcome included — except that
/// compensation keeps what a repair stage put back (undoing it would restore the hand change). Its success publishes
/// <c>EnvironmentDriftRepaired</c>; its failure ends it rolled back, and what it could not repair stays reported.
/// </summary>
public sealed class StartRepairActivity(TimeProvider clock, ILogger<StartRepairActivity> logger) : IStateMachineActivity<ProvisioningState, DriftObserved>
{
    public async Task Execute(BehaviorContext<ProvisioningState, DriftObserved> context, IBehavior<ProvisioningState, DriftObserved> next)
    {
        var (saga, applied, now) = (context.Saga, context.Saga.Applied!, clock.GetUtcNow());
        saga.Run = new Run
        {
            RunId = NewId.NextGuid(), RequestId = NewId.NextGuid(), Kind = RunKind.Provision, Reconcile = true, Repair = true, Request = applied.Request,
            Attempts = 1, StartedAt = now, AccountId = applied.AccountId, OidcIssuer = applied.OidcIssuer.Length == 0 ? null : applied.OidcIssuer,
        };
        saga.Pending.Requests.Add(new RequestRecord(saga.Run.RequestId, RunKind.Provision, saga.Run.RunId, now));
        logger.LogWarning("Repairing drift of {Environment} with run {RequestId}: {Stages}", saga.Environment, saga.Run.RequestId,
            context.Message.Findings.Select(f => $"{f.Stage} {f.Kind}"));
        await StartRunActivity.StartSlip(context, now);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, DriftObserved, TException> context,
        IBehavior<ProvisioningState, DriftObserved> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("start-repair");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
