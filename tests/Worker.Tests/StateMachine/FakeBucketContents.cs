using Provisioner.Worker.Stages.Bucket;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class FakeBucketContents(CallLog log) : IBucketContents
{
    public int Objects { get; set; } = 3;

    public Task<int> DeleteAllVersionsAsync(BucketPlan plan, CancellationToken cancellationToken)
    {
        log.Add("empty bucket");
        var removed = Objects;
        Objects = 0;
        return Task.FromResult(removed);
    }
}
