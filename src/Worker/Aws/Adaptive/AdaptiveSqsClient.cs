using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>An SQS client whose adaptive retry policy is ours (see <see cref="AdaptiveSdkRetryPolicy"/>) when the mode is adaptive.</summary>
internal sealed class AdaptiveSqsClient : AmazonSQSClient
{
    public AdaptiveSqsClient(AWSCredentials? credentials, AmazonSQSConfig config, AwsOptions options)
        : base(credentials, config)
    {
        if (config.RetryMode == RequestRetryMode.Adaptive)
            RuntimePipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AdaptiveSdkRetryPolicy(config, options, "sqs")));
    }
}
