using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Outlet.Ticketing;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// The ways out: events the saga writes to the outbox go to the SQS outlet queue and to the ticket of their request,
/// delivered by this process's dispatcher (every replica runs one).
/// </summary>
public static class OutletRegistration
{
    /// <summary>What decides which outbox rows an event becomes: needed wherever a saga runs (the worker, and <c>apply</c>).</summary>
    public static IServiceCollection AddProvisionerOutbox(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OutletRouting))) return services;
        services.AddOptions<OutletOptions>().BindConfiguration(OutletOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Source), "Outlet:Sqs:Source is required")
            .Validate(o => o.GiveUpAfter > TimeSpan.Zero, "Outlet:Sqs:GiveUpAfter must be positive").ValidateOnStart();
        services.AddTicketingOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutletRouting>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton(sp => new OutboxStore(sp.GetRequiredService<ISagaDatabase>(), sp.GetRequiredService<OutboxSignal>()));
        return services;
    }

    /// <summary>The dispatcher and its two destinations.</summary>
    public static IServiceCollection AddProvisionerOutlet(this IServiceCollection services)
    {
        services.AddProvisionerOutbox();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.BatchSize >= 1,
                "Outlet:Outbox:PollInterval and Lease must be positive, BatchSize at least 1").ValidateOnStart();
        services.AddProvisionerAwsOptions();
        services.TryAddSingleton(sp => new SqsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.AddSingleton<IOutboxDelivery, SqsDelivery>();
        services.AddSingleton<IOutboxDelivery, TicketDelivery>();
        services.AddHostedService<OutboxDispatcher>();
        services.TryAddSingleton<CallbackPolicy>();
        services.AddSingleton<CallbackConnector>();
        // Redirects are not followed: the signature was made for this URL, and a redirect could point anywhere. No proxy:
        // the connector must see the address it connects to. No request logging: a callback URL's path often holds a token.
        services.AddHttpClient(TicketDelivery.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, UseProxy = false, ConnectCallback = sp.GetRequiredService<CallbackConnector>().ConnectAsync,
            })
            .RemoveAllLoggers();
        return services;
    }
}
