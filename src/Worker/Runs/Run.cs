using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>The current (or last) run of an environment: what it does, where its stages are, and how it ended.</summary>
public sealed class Run
{
    /// <summary>The request that started it: its idempotency key.</summary>
    public Guid RequestId { get; set; }

    public RunKind Kind { get; set; }

    /// <summary>A provisioning run of an environment that was provisioned before it.</summary>
    public bool Reconcile { get; set; }

    /// <summary>Deprovisioning only: also delete the bucket's data.</summary>
    public bool DeleteData { get; set; }

    /// <summary>The routing slip of the current attempt; events of older attempts are ignored.</summary>
    public Guid TrackingNumber { get; set; }

    public int Attempts { get; set; }

    public List<StageRecord> Stages { get; set; } = [];

    /// <summary>Set once Courier has said how the slip ended; the outcome waits for every stage event as well.</summary>
    public SlipOutcome? Slip { get; set; }

    public string? FailedStage { get; set; }
    public string? Reason { get; set; }
    public List<string> Leftovers { get; set; } = [];

    /// <summary>Set once the run has ended.</summary>
    public RunOutcome? Outcome { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
