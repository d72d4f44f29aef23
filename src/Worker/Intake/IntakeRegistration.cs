using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Intake.Sqs;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Outlet.Ticketing;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Intake;

/// <summary>
/// The ways in (HTTP API, SQS request queue, ticket webhook) and out (SQS event outlet, ticket callbacks). Call both:
/// <see cref="AddProvisionerIntake"/> on the services; the bus picks up its <see cref="EventFeed"/> when it is there.
/// Register the intake after <c>AddMassTransit</c>: hosted services start in order, and the SQS listener publishes.
/// </summary>
public static class IntakeRegistration
{
    public static IServiceCollection AddProvisionerIntake(this IServiceCollection services)
    {
        AddIntakeOptions(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section);
        services.TryAddSingleton(sp => new SqsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.AddSingleton(sp => new TicketDirectory(sp.GetService<SagaTable>()));
        services.AddSingleton<SqsRequestHandler>();
        services.AddHostedService<SqsRequestListener>();
        // Every event this process publishes also goes to the outlet queue and to the ticket of its request.
        services.AddSingleton<EventFeed>();
        services.AddSingleton<SqsEventOutlet>();
        services.AddHostedService(sp => sp.GetRequiredService<SqsEventOutlet>());
        services.AddSingleton<TicketCallbackSender>();
        services.AddSingleton<CallbackQueues>();
        services.AddSingleton<TicketCallbacks>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketCallbacks>());
        services.AddSingleton<ReplayGuard>();
        // Redirects are not followed: the signature was made for this URL, and a redirect could point anywhere.
        services.AddHttpClient(TicketCallbackSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<SagaStoreHealthCheck>("saga-store", tags: [Readiness.Tag]);
        return services;
    }


    private static void AddIntakeOptions(IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxRequestBytes >= 1024, "Api:MaxRequestBytes must be at least 1024").ValidateOnStart();
        services.AddOptions<SqsIntakeOptions>().BindConfiguration(SqsIntakeOptions.Section)
            .Validate(o => o.BatchSize is >= 1 and <= 10, "Intake:Sqs:BatchSize must be 1 to 10")
            .Validate(o => o.WaitTimeSeconds is >= 0 and <= 20, "Intake:Sqs:WaitTimeSeconds must be 0 to 20")
            .Validate(o => o.MaxConcurrency >= 1, "Intake:Sqs:MaxConcurrency must be at least 1")
            .Validate(o => o.VisibilityTimeoutSeconds is >= 3 and <= 43200, "Intake:Sqs:VisibilityTimeoutSeconds must be 3 to 43200")
            .ValidateOnStart();
        services.AddOptions<OutletOptions>().BindConfiguration(OutletOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Source), "Outlet:Sqs:Source is required")
            .Validate(o => o.Capacity >= 1, "Outlet:Sqs:Capacity must be at least 1").ValidateOnStart();
        services.AddOptions<TicketingOptions>().BindConfiguration(TicketingOptions.Section)
            .Validate(o => o.MaxSkew > TimeSpan.Zero && o.Timeout > TimeSpan.Zero && o.InitialBackoff > TimeSpan.Zero,
                "Ticketing:MaxSkew, Timeout and InitialBackoff must be positive")
            .Validate(o => o.MaxBackoff >= o.InitialBackoff, "Ticketing:MaxBackoff must not be below InitialBackoff")
            .Validate(o => o.QueueCapacity >= 1, "Ticketing:QueueCapacity must be at least 1").ValidateOnStart();
    }

    /// <summary>
    /// Every event this process publishes also goes to the outlet queue and to the ticket of its request — where the intake
    /// is registered (the worker); elsewhere (apply) the feed is absent and nothing is forwarded.
    /// </summary>
    public static void AddProvisionerOutlets(IBusRegistrationConfigurator x) =>
        x.AddPublishObserver<EventFeedRelay>();
}
