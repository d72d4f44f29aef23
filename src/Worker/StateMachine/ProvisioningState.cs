using System.Text.Json.Serialization;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// One environment's saga: what was last applied, the current (or last) run with its attempt, every resource the
/// environment has (its inventory), and a rotation in progress.
/// </summary>
public sealed class ProvisioningState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public string Environment { get; set; } = "";

    /// <summary>The tenant the environment belongs to: the tenant of the request that first ran for it.</summary>
    public string? Tenant { get; set; }

    /// <summary>The last request applied successfully; null until a run provisions the environment, and after a deprovisioning.</summary>
    public AppliedRequest? Applied { get; set; }

    public Run Run { get; set; } = new();

    /// <summary>Every resource the environment has, recorded as stages finish; deprovisioning removes exactly these.</summary>
    public List<InventoryItem> Inventory { get; set; } = [];

    /// <summary>Why the first request of an environment that never ran was rejected.</summary>
    public List<RequestProblem> Problems { get; set; } = [];

    public PendingDeprovision? PendingDeprovision { get; set; }

    /// <summary>What the last drift check found different from the applied request, until it is repaired; null in sync.</summary>
    public DriftRecord? Drift { get; set; }

    /// <summary>The access-key rotation in progress (one of the rotation states); null otherwise.</summary>
    public KeyRotation? Rotation { get; set; }

    /// <summary>The last rotation that ended, so a duplicate of its command is not a second rotation.</summary>
    public Guid? LastRotationId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether any run ever started (an environment whose requests were all rejected created nothing).</summary>
    [JsonIgnore]
    public bool HasRun => Run.RunId != Guid.Empty;

    /// <summary>The stored record of the message's request id, when it was accepted before (loaded with the saga).</summary>
    [JsonIgnore]
    public RequestRecord? Known { get; set; }

    /// <summary>The saga's JSON as the store holds it, so a handling that changed nothing writes nothing.</summary>
    [JsonIgnore]
    public string? Stored { get; set; }

    /// <summary>What this message's handling writes beside the saga row, in the same transaction.</summary>
    [JsonIgnore]
    public SagaWrites Pending { get; } = new();
}
