using Provisioner.Worker.SagaStore;

namespace Provisioner.Bench;

/// <summary>The direct baseline makes the AWS calls only: it keeps no records of intent (the worker's are part of its overhead).</summary>
internal sealed class NoIntents : IIntentLog
{
    public Task RecordCreateAsync(ResourceKey key, CancellationToken ct) => Task.CompletedTask;

    public Task RecordUpdateAsync(ResourceKey key, string? before, CancellationToken ct) => Task.CompletedTask;

    public Task<Intent?> FindAsync(ResourceKey key, CancellationToken ct) => Task.FromResult<Intent?>(null);

    public Task<bool> WasBeingCreatedAsync(ResourceKey key, CancellationToken ct) => Task.FromResult(false);
}
