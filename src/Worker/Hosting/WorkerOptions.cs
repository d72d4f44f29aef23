namespace Provisioner.Worker.Hosting;

/// <summary>Bound from <c>Worker</c>: what one replica takes on, and how it stops.</summary>
public sealed record WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Stage calls (so runs) this replica works on at once, across all stages.</summary>
    public int MaxConcurrentRuns { get; init; } = 16;

    /// <summary>
    /// On SIGTERM the worker stops taking messages and lets running stage calls finish for up to this long; whatever
    /// has not finished by then is left unacknowledged, and the broker redelivers it to a replica.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The namespace the worker itself runs in (the Helm chart sets it): never an environment's, whatever a profile says.</summary>
    public string? Namespace { get; init; }
}
