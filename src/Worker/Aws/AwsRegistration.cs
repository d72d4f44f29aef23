using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Aws;

/// <summary>The AWS clients: S3 and STS from the SDK, IAM through our Query client, SQS for the intake and the outlet.</summary>
public static class AwsRegistration
{
    public static IServiceCollection AddProvisionerAws(this IServiceCollection services)
    {
        services.AddProvisionerAwsOptions();
        services.TryAddSingleton(sp => new AwsClients(sp.GetRequiredService<IOptions<AwsOptions>>(), seam: sp.GetService<Testing.MutationSeam>()));
        services.TryAddSingleton(sp => new IamClient(sp.GetRequiredService<AwsClients>().Credentials, sp.GetRequiredService<AwsClients>().Options,
            sp.GetService<Testing.MutationSeam>()));
        services.TryAddSingleton(sp => new SqsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        return services;
    }

    /// <summary>The long-running worker's one-line AWS check at start-up, reported by readiness as <c>aws</c>.</summary>
    public static IServiceCollection AddAwsStartupCheck(this IServiceCollection services)
    {
        services.AddSingleton<AwsStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<AwsStartupCheck>());
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(AwsStartupCheck.Name,
            sp => sp.GetRequiredService<AwsStartupCheck>(), null, [Intake.Api.Readiness.Tag]));
        return services;
    }

    /// <summary><c>Aws</c>, bound and validated once, whichever area asks first (the intake needs it for SQS alone).</summary>
    public static IServiceCollection AddProvisionerAwsOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<AwsOptions>))) return services;
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Aws:MaxAttempts must be at least 1")
            .Validate(o => o.RetryMode is Amazon.Runtime.RequestRetryMode.Adaptive or Amazon.Runtime.RequestRetryMode.Standard,
                "Aws:RetryMode must be Adaptive or Standard")
            .Validate(o => o.ThrottlingTimeout >= TimeSpan.Zero, "Aws:ThrottlingTimeout must not be negative")
            .ValidateOnStart();
        return services;
    }

    /// <summary>How long a new IAM entity may take to become visible: bounded, documented, never a fixed sleep.</summary>
    public static BoundedRetry IamConsistencyRetry(AwsOptions options) =>
        new(Math.Max(options.MaxAttempts, 8), options.InitialBackoff, options.MaxBackoff);

    public static BoundedRetry IamConsistencyRetry(IServiceProvider services) => IamConsistencyRetry(services.GetRequiredService<AwsClients>().Options);
}
