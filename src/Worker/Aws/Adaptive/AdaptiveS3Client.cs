using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>An S3 client whose adaptive retry policy is ours (see <see cref="AdaptiveS3RetryPolicy"/>) when the mode is adaptive.</summary>
internal sealed class AdaptiveS3Client : AmazonS3Client
{
    public AdaptiveS3Client(AWSCredentials? credentials, AmazonS3Config config, AwsOptions options)
        : base(credentials, config)
    {
        if (config.RetryMode == RequestRetryMode.Adaptive)
            RuntimePipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AdaptiveS3RetryPolicy(config, options, "s3")));
    }
}
