namespace Provisioner.Worker.Stages.Bucket;

/// <summary>Data deletion, kept apart from the resource so that nothing but an explicit deleteData can reach it.</summary>
public interface IBucketContents
{
    /// <summary>Deletes every object version and delete marker; returns how many.</summary>
    Task<int> DeleteAllVersionsAsync(BucketPlan plan, CancellationToken cancellationToken);
}
