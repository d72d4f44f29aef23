using System.Collections.Concurrent;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Intent records in memory, for resource tests that run the reconciler without a saga store.</summary>
public sealed class InMemoryIntentLog : IIntentLog
{
    private readonly ConcurrentDictionary<ResourceKey, Intent> intents = new();

    public Task RecordCreateAsync(ResourceKey key, CancellationToken ct)
    {
        intents.TryAdd(key, new Intent(Intent.Create, null));
        return Task.CompletedTask;
    }

    public Task RecordUpdateAsync(ResourceKey key, string? before, CancellationToken ct)
    {
        intents.TryAdd(key, new Intent(Intent.Update, before));
        return Task.CompletedTask;
    }

    public Task<Intent?> FindAsync(ResourceKey key, CancellationToken ct) => Task.FromResult(intents.GetValueOrDefault(key));

    public Task<bool> WasBeingCreatedAsync(ResourceKey key, CancellationToken ct) =>
        Task.FromResult(intents.Any(i => i.Value.IsCreate && i.Key.Environment == key.Environment && i.Key.Stage == key.Stage && i.Key.Name == key.Name));
}
