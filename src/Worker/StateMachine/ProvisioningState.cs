using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>One environment's saga: its request, the current (or last) run, a rotation in progress, and past outcomes.</summary>
public sealed class ProvisioningState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public string Environment { get; set; } = "";

    /// <summary>The request of the last provisioning run, and the facts observed for it: what a plan is made from.</summary>
    public EnvironmentRequest? Request { get; set; }
    public string? AccountId { get; set; }
    public string? OidcIssuer { get; set; }

    public Run Run { get; set; } = new();

    /// <summary>Why the first request of an environment that never ran was rejected.</summary>
    public List<RequestProblem> Problems { get; set; } = [];

    public PendingDeprovision? PendingDeprovision { get; set; }

    /// <summary>The access-key rotation in progress (one of the rotation states); null otherwise.</summary>
    public KeyRotation? Rotation { get; set; }

    /// <summary>The last rotation that ended, so a duplicate of its command is not a second rotation.</summary>
    public Guid? LastRotationId { get; set; }

    /// <summary>Finished runs, newest last (bounded), so a duplicate of an old request gets its old answer.</summary>
    public List<RunSummary> History { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
