using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Observe-then-act, the same for every resource, with a record of intent written before each create and update: a
/// create cut short (a crash, a lost response) leaves a resource this run recognises as its own, and a compensation knows
/// what this run created (delete it) and what it changed (put it back), whichever attempt of the run did it.
/// </summary>
public sealed class Reconciler(IIntentLog intents)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Observed = "observed";
    public const string Absent = "absent";
    public const string Deleted = "deleted";
    public const string Retained = "retained";
    public const string Restored = "restored";

    /// <summary>The detail of a resource left alone because it is not (or no longer) ours.</summary>
    public const string NotOurs = "not ours";

    public async Task<EnsureResult> EnsureAsync<TPlan>(IResource<TPlan> resource, TPlan plan, ResourceKey key, CancellationToken ct)
    {
        var observed = await resource.ObserveAsync(plan, key.Environment, ct);
        if (!observed.Exists)
        {
            await intents.RecordCreateAsync(key, ct);
            try
            {
                await resource.CreateAsync(plan, ct);
                return new EnsureResult(Created, key.RunId);
            }
            catch (Exception ex) when (StageErrors.IsAlreadyExists(ex))
            {
                // A lost response, a retried call or a racing writer: judge what is there now like any other observation.
                observed = await resource.ObserveAsync(plan, key.Environment, ct);
                if (!observed.Exists) throw;
            }
        }
        if (observed.Unmarked && await intents.WasBeingCreatedAsync(key, ct)) observed = observed.ClaimedBy(key.Environment, key.RunId);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, key.Environment))
            throw new ResourceConflictException(key.Stage, key.Name, $"is not tagged as environment '{key.Environment}' of this provisioner");
        var creator = OwnershipTags.CreatorOf(observed.Tags);
        var ownRun = creator == key.RunId;
        if (observed.UpToDate) return new EnsureResult(ownRun ? Created : Unchanged, creator);
        if (!ownRun) await intents.RecordUpdateAsync(key, observed.State, ct);
        await resource.UpdateAsync(plan, observed, ct);
        return new EnsureResult(ownRun ? Created : Updated, creator ?? key.RunId);
    }

    /// <summary>
    /// Undoes this run's work on the resource: deletes it when this run created it, puts back what this run replaced,
    /// and leaves everything else (existing before the run, not ours) as it is.
    /// </summary>
    public async Task<(string Action, string? Detail)> CompensateAsync<TPlan>(IResource<TPlan> resource, TPlan plan, ResourceKey key,
        CancellationToken ct)
    {
        var observed = await resource.ObserveAsync(plan, key.Environment, ct);
        if (!observed.Exists)
            return resource is IHoldsData<TPlan> data && await data.CompensateLeftoversAsync(plan, ct) is { } leftover ? leftover : (Absent, null);
        var intent = await intents.FindAsync(key, ct);
        var ours = OwnershipTags.IsOwnedBy(observed.Tags, key.Environment) || (observed.Unmarked && intent is { IsCreate: true });
        if (!ours) return (Retained, NotOurs);
        var createdByRun = OwnershipTags.CreatorOf(observed.Tags) is { } creator ? creator == key.RunId : intent is { IsCreate: true };
        if (createdByRun)
        {
            await resource.DeleteAsync(plan, ct);
            return (Deleted, "created by this run");
        }
        if (intent is { IsCreate: false, Before: { } before }) return (Restored, await resource.RestoreAsync(plan, before, ct));
        return (Retained, "existed before this run, which did not change it");
    }

    /// <summary>
    /// Deprovisioning: deletes what is ours for this environment, whichever run created it. A resource that holds data
    /// decides for itself (<see cref="IHoldsData{TPlan}"/>): kept unless the request asked to delete the data.
    /// </summary>
    public async Task<(string Action, string? Detail)> DeprovisionAsync<TPlan>(IResource<TPlan> resource, TPlan plan, ResourceKey key,
        bool deleteData, CancellationToken ct)
    {
        var observed = await resource.ObserveAsync(plan, key.Environment, ct);
        var data = resource as IHoldsData<TPlan>;
        if (!observed.Exists)
            return data is not null && await data.DeprovisionLeftoversAsync(plan, deleteData, ct) is { } leftover ? leftover : (Absent, null);
        if (!await IsOursAsync(observed, key, ct)) return (Retained, NotOurs);
        if (data is not null) return await data.DeprovisionAsync(plan, deleteData, ct);
        await resource.DeleteAsync(plan, ct);
        return (Deleted, null);
    }

    /// <summary>
    /// A resource a successful reconcile left behind (renamed): deleted when ours, kept with the reason when deleting it
    /// would destroy data (a bucket with objects stays in the inventory until a deprovisioning with deleteData).
    /// </summary>
    public async Task<(string Action, string? Detail)> PruneAsync<TPlan>(IResource<TPlan> resource, TPlan plan, ResourceKey key,
        CancellationToken ct)
    {
        var observed = await resource.ObserveAsync(plan, key.Environment, ct);
        if (!observed.Exists) return (Absent, null);
        if (!await IsOursAsync(observed, key, ct)) return (Retained, NotOurs);
        try
        {
            await resource.DeleteAsync(plan, ct);
            return (Deleted, "replaced by a renamed resource");
        }
        catch (ResourceRetainedException ex)
        {
            return (Retained, ex.Message);
        }
    }

    private async Task<bool> IsOursAsync(Observation observed, ResourceKey key, CancellationToken ct) =>
        OwnershipTags.IsOwnedBy(observed.Tags, key.Environment) || (observed.Unmarked && await intents.WasBeingCreatedAsync(key, ct));
}
