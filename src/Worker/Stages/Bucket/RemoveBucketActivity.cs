using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Bucket;

/// <summary>The bucket and its data are retained unless the request says <c>deleteData</c>; then every version goes first.</summary>
public sealed class RemoveBucketActivity(IResource<BucketPlan> resource, IBucketContents contents, ILogger<RemoveBucketActivity> logger)
    : RemoveStageActivity<BucketPlan>(resource, logger)
{
    protected override string Stage => StageNames.Bucket;

    protected override async Task<(string Action, string? Detail)> RemoveAsync(RemoveArguments<BucketPlan> args, CancellationToken ct)
    {
        var observed = await Resource.ObserveAsync(args.Plan, args.Environment, ct);
        if (!observed.Exists) return (Reconciler.Absent, null);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, args.Environment)) return (Reconciler.Retained, "not ours");
        if (!args.DeleteData) return (Reconciler.Retained, "the bucket and its data are kept; deleteData was not set");
        var removed = await contents.DeleteAllVersionsAsync(args.Plan, ct);
        await Resource.DeleteAsync(args.Plan, ct);
        return (Reconciler.Deleted, $"{removed} object versions and delete markers removed first");
    }
}
