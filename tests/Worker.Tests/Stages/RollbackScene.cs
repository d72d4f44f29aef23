using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages;

/// <summary>
/// A reconcile that changes a resource and is then rolled back, through the reconciler and its records of intent as a
/// stage runs them: the first run made the resource, a later run updates it, and the later run's compensation must put
/// back what it replaced. Tests compare the documents before and after, not just existence.
/// </summary>
internal static class RollbackScene
{
    public static async Task<(string Action, string? Detail)> UpdateThenCompensateAsync<TPlan>(IResource<TPlan> resource, TPlan first,
        TPlan later, string environment, CancellationToken ct, Func<Task>? betweenRuns = null) where TPlan : class
    {
        var reconciler = new Reconciler(new InMemoryIntentLog());
        await reconciler.EnsureAsync(resource, first, TestReconciler.Key(first, environment, TestReconciler.RunOf(first)), ct);
        if (betweenRuns is not null) await betweenRuns();
        var key = TestReconciler.Key(later, environment, Guid.NewGuid());
        Assert.Equal(Reconciler.Updated, (await reconciler.EnsureAsync(resource, later, key, ct)).Action);
        return await reconciler.CompensateAsync(resource, later, key, ct);
    }
}
