using Amazon.Runtime;
using MassTransit;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Stages;

/// <summary>Which failures of a stage call retrying cannot fix: those fail the stage (and compensate) at once.</summary>
public static class StageErrors
{
    public static bool IsTerminal(Exception exception) => exception switch
    {
        ResourceConflictException or OidcProviderMissingException or ResourceRetainedException or RunAbandonedException
            or VerificationFailedException => true,
        KubernetesApiException k8s => k8s.Kind == KubernetesErrorKind.Terminal,
        HelmException helm => helm.Kind == HelmErrorKind.Terminal,
        AwsException aws => aws.Kind == AwsErrorKind.Terminal,
        AmazonServiceException sdk => AwsErrors.Classify(sdk.ErrorCode, sdk.StatusCode) == AwsErrorKind.Terminal,
        ArgumentException or NotSupportedException => true,
        _ => false,
    };

    /// <summary>A create that found its resource already there: a lost response, a retried call or a racing writer.</summary>
    public static bool IsAlreadyExists(Exception exception) => exception switch
    {
        AwsException aws => aws.Code == "EntityAlreadyExists",
        AmazonServiceException sdk => sdk.ErrorCode is "BucketAlreadyOwnedByYou" or "EntityAlreadyExists",
        KubernetesApiException k8s => k8s.Kind == KubernetesErrorKind.AlreadyExists,
        _ => false,
    };

    public static void Configure(IRetryConfigurator retry, StageRetryOptions options)
    {
        retry.Exponential(options.Limit, options.MinInterval, options.MaxInterval, options.MinInterval);
        retry.Handle<Exception>(e => !IsTerminal(e));
    }
}
