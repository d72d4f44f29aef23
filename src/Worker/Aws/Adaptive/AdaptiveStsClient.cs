using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>An STS client whose adaptive retry policy is ours (see <see cref="AdaptiveSdkRetryPolicy"/>) when the mode is adaptive.</summary>
internal sealed class AdaptiveStsClient : AmazonSecurityTokenServiceClient
{
    public AdaptiveStsClient(AWSCredentials? credentials, AmazonSecurityTokenServiceConfig config, AwsOptions options)
        : base(credentials, config)
    {
        if (config.RetryMode == RequestRetryMode.Adaptive)
            RuntimePipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AdaptiveSdkRetryPolicy(config, options, "sts")));
    }
}
