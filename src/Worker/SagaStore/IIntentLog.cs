namespace Provisioner.Worker.SagaStore;

/// <summary>The record of intent a stage writes before a create or an update (see <see cref="Intent"/>).</summary>
public interface IIntentLog
{
    Task RecordCreateAsync(ResourceKey key, CancellationToken ct);

    /// <summary>The first state recorded for a run wins: it is what the resource was before the run touched it.</summary>
    Task RecordUpdateAsync(ResourceKey key, string? before, CancellationToken ct);

    /// <summary>What this run recorded for the resource, or null.</summary>
    Task<Intent?> FindAsync(ResourceKey key, CancellationToken ct);

    /// <summary>Whether any run of this environment was creating this resource (its intent outlives a crash, not the run's end).</summary>
    Task<bool> WasBeingCreatedAsync(ResourceKey key, CancellationToken ct);
}
