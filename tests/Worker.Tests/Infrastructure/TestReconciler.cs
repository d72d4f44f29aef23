using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The reconciler as a stage runs it, for resource tests: the stage and resource name come from the catalogue entry of
/// the plan's type, the run from the plan's own ownership tags, and intent records are kept in memory for the test run.
/// The first ensure of a resource with a plan is that plan's run; ensuring it again with the same plan stands for a later
/// run (a reconcile), which is what the resource tests mean by it.
/// </summary>
public static class TestReconciler
{
    public static readonly InMemoryIntentLog Intents = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKey, bool> Ensured = new();

    public static Reconciler Instance { get; } = new(Intents);

    public static Task<string> EnsureAsync<TPlan>(IResource<TPlan> resource, TPlan plan, string environment, CancellationToken ct)
        where TPlan : class => EnsureAsync(resource, plan, Key(plan, environment, RunOf(plan)), ct);

    public static Task<string> EnsureAsync<TPlan>(IResource<TPlan> resource, TPlan plan, string stage, string name, string environment,
        CancellationToken ct) where TPlan : class => EnsureAsync(resource, plan, new ResourceKey(RunOf(plan), environment, stage, name), ct);

    private static async Task<string> EnsureAsync<TPlan>(IResource<TPlan> resource, TPlan plan, ResourceKey key, CancellationToken ct)
    {
        var run = Ensured.TryAdd(key, true) ? key : key with { RunId = Guid.NewGuid() };
        return (await Instance.EnsureAsync(resource, plan, run, ct)).Action;
    }

    /// <summary>With <paramref name="onlyCreatedBy"/>: the compensation of that run; without: removal of whatever is ours.</summary>
    public static Task<(string Action, string? Detail)> RemoveAsync<TPlan>(IResource<TPlan> resource, TPlan plan, string environment,
        Guid? onlyCreatedBy, CancellationToken ct) where TPlan : class =>
        onlyCreatedBy is { } run
            ? Instance.CompensateAsync(resource, plan, Key(plan, environment, run), ct)
            : Instance.PruneAsync(resource, plan, Key(plan, environment, Guid.Empty), ct);

    /// <summary>Deprovisioning's removal, by any run of the environment.</summary>
    public static Task<(string Action, string? Detail)> DeprovisionAsync<TPlan>(IResource<TPlan> resource, TPlan plan, string environment,
        bool deleteData, CancellationToken ct) where TPlan : class =>
        Instance.DeprovisionAsync(resource, plan, Key(plan, environment, Guid.NewGuid()), deleteData, ct);

    public static ResourceKey Key<TPlan>(TPlan plan, string environment, Guid runId) where TPlan : class
    {
        var stage = StageCatalogue.All.OfType<Stage<TPlan>>().Single();
        return new ResourceKey(runId, environment, stage.Name, stage.ResourceName(plan));
    }

    /// <summary>The run a plan belongs to, from its ownership tags (or labels).</summary>
    public static Guid RunOf<TPlan>(TPlan plan) where TPlan : class
    {
        var tags = (IReadOnlyDictionary<string, string>)(typeof(TPlan).GetProperty("Tags") ?? typeof(TPlan).GetProperty("Labels"))!.GetValue(plan)!;
        return Guid.Parse(tags[OwnershipTags.RunId]);
    }
}
