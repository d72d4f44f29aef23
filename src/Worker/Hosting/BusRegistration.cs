using MassTransit;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Hosting;

/// <summary>The bus: in-memory (one process) or RabbitMQ (durable queues shared by replicas), and what runs beside it.</summary>
public static class BusRegistration
{
    public static IServiceCollection AddProvisionerBus(this IServiceCollection services, bool rabbitMq)
    {
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section)
            .Validate(o => BusOptions.IsKnown(o.Transport), "Bus:Transport must be InMemory or RabbitMq")
            .Validate(o => !o.UsesRabbitMq || o.RabbitMq.TryGetUri(out _),
                "Bus:RabbitMq:Url must be an amqp:// or amqps:// URI with a host (amqp://user:password@host:5672/vhost)")
            .ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.MaxConcurrentRuns >= 1, "Worker:MaxConcurrentRuns must be at least 1").ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownTimeout);
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
        {
            host.WaitUntilStarted = true;
            // Consumers are not cancelled when stopping: a cancelled stage would fault and compensate; unfinished ones are redelivered.
            host.StopTimeout = worker.Value.ShutdownTimeout;
        });
        services.AddMassTransit(x =>
        {
            ProvisionerRegistration.AddProvisionerComponents(x);
            if (rabbitMq) x.UsingRabbitMq(ConfigureRabbitMq);
            else x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return services;
    }

    private static void ConfigureRabbitMq(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg)
    {
        var options = context.GetRequiredService<IOptions<BusOptions>>().Value;
        if (!options.RabbitMq.TryGetUri(out var uri)) throw new OptionsValidationException(BusOptions.Section, typeof(BusOptions),
            ["Bus:RabbitMq:Url must be an amqp:// or amqps:// URI with a host"]);
        context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BusRegistration))
            .LogInformation("Bus: RabbitMQ at {Broker}", RabbitMqOptions.Describe(uri));
        cfg.Host(uri, h =>
        {
            if (uri.Scheme == "amqps") h.UseSsl();
            h.Heartbeat(TimeSpan.FromSeconds(10));
        });
        cfg.ConfigureEndpoints(context);
    }
}
