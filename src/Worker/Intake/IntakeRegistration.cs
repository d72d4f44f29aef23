using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Intake.Sqs;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake;

/// <summary>
/// The ways in: the HTTP API, the SQS request queue and the ticket webhook. Register the intake after
/// <c>AddMassTransit</c>: hosted services start in order, and the SQS listener publishes.
/// </summary>
public static class IntakeRegistration
{
    /// <summary>The Host names served when <c>AllowedHosts</c> is not set: a page on another name cannot reach the API by DNS rebinding.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddProvisionerIntake(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<SqsIntakeOptions>().BindConfiguration(SqsIntakeOptions.Section)
            .Validate(o => o.BatchSize is >= 1 and <= 10, "Intake:Sqs:BatchSize must be 1 to 10")
            .Validate(o => o.WaitTimeSeconds is >= 0 and <= 20, "Intake:Sqs:WaitTimeSeconds must be 0 to 20")
            .Validate(o => o.MaxConcurrency >= 1, "Intake:Sqs:MaxConcurrency must be at least 1")
            .Validate(o => o.VisibilityTimeoutSeconds is >= 3 and <= 43200, "Intake:Sqs:VisibilityTimeoutSeconds must be 3 to 43200")
            .Validate(o => !NameRules.DnsLabel(o.Tenant).Any(), "Intake:Sqs:Tenant must be a tenant name (an RFC 1123 label)")
            .ValidateOnStart();
        services.AddTicketingOptions();
        services.AddProvisionerProfiles();
        services.AddProvisionerAwsOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.AddSingleton<ApiClients>();
        services.AddSingleton<TenantAccess>();
        services.TryAddSingleton<SagaChangeSignal>();
        services.AddSingleton<StatusWatch>();
        services.TryAddSingleton<CallbackPolicy>();
        services.AddSingleton<SqsRequestHandler>();
        services.AddHostedService<SqsRequestListener>();
        services.AddSingleton<ReplayGuard>();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<SagaStoreHealthCheck>("saga-store", tags: [Readiness.Tag]);
        services.AddOptions<HostFilteringOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"])) o.AllowedHosts = [.. LoopbackHosts];
        });
        return services;
    }

    /// <summary><c>Ticketing</c>: the webhook's and the callbacks' shared secret and limits, bound once.</summary>
    public static IServiceCollection AddTicketingOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<TicketingOptions>))) return services;
        services.AddOptions<TicketingOptions>().BindConfiguration(TicketingOptions.Section)
            .Validate(o => o.MaxSkew > TimeSpan.Zero && o.Timeout > TimeSpan.Zero && o.InitialBackoff > TimeSpan.Zero,
                "Ticketing:MaxSkew, Timeout and InitialBackoff must be positive")
            .Validate(o => o.MaxBackoff >= o.InitialBackoff, "Ticketing:MaxBackoff must not be below InitialBackoff")
            .Validate(o => !NameRules.DnsLabel(o.Tenant).Any(), "Ticketing:Tenant must be a tenant name (an RFC 1123 label)")
            .Validate(o => CallbackPolicy.ParseHosts(o.AllowedCallbackHosts).All(CallbackPolicy.IsHostPattern),
                "Ticketing:AllowedCallbackHosts must be a comma list of host names or *.domain patterns")
            .ValidateOnStart();
        return services;
    }
}
