using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Outlet.Ticketing;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// The ways out: every event this process publishes also goes to the SQS outlet queue and to the ticket of its
/// request. The worker registers both halves; elsewhere (apply) the feed is absent and nothing is forwarded.
/// </summary>
public static class OutletRegistration
{
    public static IServiceCollection AddProvisionerOutlet(this IServiceCollection services)
    {
        services.AddOptions<OutletOptions>().BindConfiguration(OutletOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Source), "Outlet:Sqs:Source is required")
            .Validate(o => o.Capacity >= 1, "Outlet:Sqs:Capacity must be at least 1").ValidateOnStart();
        services.AddTicketingOptions();
        services.AddProvisionerAwsOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.AddSingleton(sp => new TicketDirectory(sp.GetService<SagaTable>()));
        services.AddSingleton<EventFeed>();
        services.AddSingleton<SqsEventOutlet>();
        services.AddHostedService(sp => sp.GetRequiredService<SqsEventOutlet>());
        services.AddSingleton<TicketCallbackSender>();
        services.AddSingleton<CallbackQueues>();
        services.AddSingleton<TicketCallbacks>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketCallbacks>());
        // Redirects are not followed: the signature was made for this URL, and a redirect could point anywhere.
        services.AddHttpClient(TicketCallbackSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// <summary>Hands published events to the <see cref="EventFeed"/>, where the outlet is registered.</summary>
    public static void AddProvisionerOutlets(this IBusRegistrationConfigurator x) => x.AddPublishObserver<EventFeedRelay>();
}
