using Provisioner.Contracts;

namespace Provisioner.Worker.Saga;

public static class StatusDocument
{
    public static EnvironmentStatus From(ProvisioningState saga) => new(
        saga.RequestId, saga.Environment, StateName(saga), saga.FailedStage, saga.Reason, saga.Stages, saga.Leftovers,
        saga.StartedAt, saga.FinishedAt);

    private static string StateName(ProvisioningState saga) => saga.CurrentState switch
    {
        "Running" => "running",
        "Provisioned" => "provisioned",
        "RolledBack" => "rolled-back",
        "CompensationFailed" => "compensation-failed",
        "Rejected" => "rejected",
        var other => other.ToLowerInvariant(),
    };
}
