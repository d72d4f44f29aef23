using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

public static class StatusDocument
{
    public static EnvironmentStatus From(ProvisioningState saga) => new(
        saga.RequestId, saga.Environment, StateName(saga), saga.FailedStage, saga.Reason, saga.Stages, saga.Leftovers,
        saga.StartedAt, saga.FinishedAt, ManifestToApply(saga));

    private static string? ManifestToApply(ProvisioningState saga) =>
        saga is { Request.Kubernetes.Manage: false, AccountId: { } account, OidcIssuer: { } issuer }
            ? ServiceAccountManifest.For(Planner.Plan(saga.Request, saga.RequestId, new PlanFacts(account, issuer)).ServiceAccount).ToJsonString()
            : null;

    public static string StateName(ProvisioningState saga) => saga.CurrentState switch
    {
        "Running" when saga.RunKind == RunLedger.KindDeprovision => "deprovisioning",
        "Running" => "running",
        "Deprovisioned" => "deprovisioned",
        "DeprovisionFailed" => "deprovision-failed",
        "Provisioned" => "provisioned",
        "RolledBack" => "rolled-back",
        "CompensationFailed" => "compensation-failed",
        "Rejected" => "rejected",
        var other => other.ToLowerInvariant(),
    };
}
