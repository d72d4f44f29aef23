using MassTransit;
using Amazon.Runtime;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Resources;
using Provisioner.Worker.Resources.Role;

namespace Provisioner.Worker.Activities;

/// <summary>Which failures of a stage call retrying cannot fix: those fail the stage (and compensate) at once.</summary>
public static class StageErrors
{
    public static bool IsTerminal(Exception exception) => exception switch
    {
        ResourceConflictException or OidcProviderMissingException or ResourceRetainedException or RunAbandonedException => true,
        AwsException aws => aws.Kind == AwsErrorKind.Terminal,
        AmazonServiceException sdk => AwsErrors.Classify(sdk.ErrorCode, sdk.StatusCode) == AwsErrorKind.Terminal,
        ArgumentException or NotSupportedException => true,
        _ => false,
    };

    public static void Configure(IRetryConfigurator retry, StageRetryOptions options)
    {
        retry.Exponential(options.Limit, options.MinInterval, options.MaxInterval, options.MinInterval);
        retry.Handle<Exception>(e => !IsTerminal(e));
    }
}
