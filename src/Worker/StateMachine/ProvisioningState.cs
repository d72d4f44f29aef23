using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>One environment's saga: the current (or last) run, its stages, and past outcomes.</summary>
public sealed class ProvisioningState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public string Environment { get; set; } = "";
    public Guid RequestId { get; set; }
    public EnvironmentRequest? Request { get; set; }
    public string? AccountId { get; set; }
    public string? OidcIssuer { get; set; }
    public bool Reconcile { get; set; }

    /// <summary><c>provision</c> or <c>deprovision</c>: what the current (or last) run does.</summary>
    public string RunKind { get; set; } = RunLedger.KindProvision;

    /// <summary>A deprovision request waiting for the run in progress to end; <see cref="DeleteData"/> goes with it.</summary>
    public Guid? PendingDeprovision { get; set; }
    public bool DeleteData { get; set; }

    /// <summary>What the last request led to: started, duplicate, rejected or plan-failed.</summary>
    public string? Decision { get; set; }

    /// <summary>Set once the run has ended: provisioned, rolled-back or compensation-failed.</summary>
    public string? Outcome { get; set; }

    /// <summary>The routing slip of the current attempt; events of older attempts are ignored.</summary>
    public Guid TrackingNumber { get; set; }
    public int Attempts { get; set; }

    public List<StageRecord> Stages { get; set; } = [];
    public List<RequestProblem> Problems { get; set; } = [];

    /// <summary>completed, faulted or compensation-failed once Courier has said so; the outcome waits for every stage event.</summary>
    public string? SlipOutcome { get; set; }
    public string? FailedStage { get; set; }
    public string? Reason { get; set; }
    public List<string> Leftovers { get; set; } = [];

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The access-key rotation in progress (state <c>Rotating</c>); null otherwise.</summary>
    public KeyRotation? Rotation { get; set; }

    /// <summary>The last rotation that ended, so a duplicate of its command is not a second rotation.</summary>
    public Guid? LastRotationId { get; set; }

    /// <summary>Finished runs, newest last (bounded), so a duplicate of an old request gets its old answer.</summary>
    public List<RunSummary> History { get; set; } = [];
}
