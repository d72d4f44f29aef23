using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages;

/// <summary>Observe-then-act, the same for every resource.</summary>
public static class Reconciler
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Observed = "observed";
    public const string Absent = "absent";
    public const string Deleted = "deleted";
    public const string Retained = "retained";

    public static async Task<string> EnsureAsync<TPlan>(IResource<TPlan> resource, TPlan plan, string kind, string name,
        string environment, CancellationToken cancellationToken)
    {
        var observed = await resource.ObserveAsync(plan, environment, cancellationToken);
        if (!observed.Exists)
        {
            await resource.CreateAsync(plan, cancellationToken);
            return Created;
        }
        if (!OwnershipTags.IsOwnedBy(observed.Tags, environment))
            throw new ResourceConflictException(kind, name, $"is not tagged as environment '{environment}' of this provisioner");
        if (observed.UpToDate) return Unchanged;
        await resource.UpdateAsync(plan, observed, cancellationToken);
        return Updated;
    }

    /// <summary>
    /// Deletes only what is ours; with <paramref name="onlyCreatedBy"/> set (compensation), only what that request created,
    /// so a failed reconcile never tears down an environment that was working before it.
    /// </summary>
    public static async Task<(string Action, string? Detail)> RemoveAsync<TPlan>(IResource<TPlan> resource, TPlan plan,
        string environment, Guid? onlyCreatedBy, CancellationToken cancellationToken)
    {
        var observed = await resource.ObserveAsync(plan, environment, cancellationToken);
        if (!observed.Exists) return (Absent, null);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, environment)) return (Retained, "not ours");
        if (onlyCreatedBy is { } requestId && !OwnershipTags.WasCreatedBy(observed.Tags, requestId))
            return (Retained, "existed before this request");
        await resource.DeleteAsync(plan, cancellationToken);
        return (Deleted, null);
    }

    /// <summary>
    /// Deprovisioning: deletes what is ours for this environment, whichever request created it. A resource that holds
    /// data decides for itself (<see cref="IHoldsData{TPlan}"/>): kept unless the request asked to delete the data.
    /// </summary>
    public static async Task<(string Action, string? Detail)> DeprovisionAsync<TPlan>(IResource<TPlan> resource, TPlan plan,
        string environment, bool deleteData, CancellationToken cancellationToken)
    {
        if (resource is not IHoldsData<TPlan> data) return await RemoveAsync(resource, plan, environment, onlyCreatedBy: null, cancellationToken);
        var observed = await resource.ObserveAsync(plan, environment, cancellationToken);
        if (!observed.Exists) return (Absent, null);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, environment)) return (Retained, "not ours");
        return await data.DeprovisionAsync(plan, deleteData, cancellationToken);
    }
}
