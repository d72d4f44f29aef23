using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.Bucket;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>The fake bucket holds data as the real one does: deprovisioning keeps it unless told to delete the data.</summary>
public sealed class FakeBucket(CallLog log, FakeBucketContents contents)
    : FakeResource<BucketPlan>("bucket", log, p => p.Name), IHoldsData<BucketPlan>
{
    public FakeBucketContents Contents => contents;

    public async Task<(string Action, string Detail)> DeprovisionAsync(BucketPlan plan, bool deleteData, CancellationToken cancellationToken)
    {
        if (!deleteData) return (Reconciler.Retained, "the bucket and its data are kept; deleteData was not set");
        var removed = await contents.DeleteAllVersionsAsync(plan, cancellationToken);
        await DeleteAsync(plan, cancellationToken);
        return (Reconciler.Deleted, $"{removed} object versions and delete markers removed first");
    }
}
