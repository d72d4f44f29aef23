using Amazon.S3.Model;
using Provisioner.Worker.Aws;

namespace Provisioner.Worker.Stages.Bucket;

public sealed class S3BucketContents(AwsClients aws) : IBucketContents
{
    public async Task<int> DeleteAllVersionsAsync(BucketPlan plan, CancellationToken cancellationToken)
    {
        var s3 = aws.S3(plan.Region);
        var removed = 0;
        while (true)
        {
            var page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = plan.Name, MaxKeys = 1000 }, cancellationToken);
            var versions = page.Versions ?? [];
            if (versions.Count == 0) return removed;
            // One object at a time: moto authorises multi-object deletes against the bucket ARN, not the objects.
            foreach (var version in versions)
            {
                await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = plan.Name, Key = version.Key, VersionId = version.VersionId },
                    cancellationToken);
                removed++;
            }
        }
    }
}
