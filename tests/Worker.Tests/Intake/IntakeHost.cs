using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake;

/// <summary>
/// A worker without the saga: an in-memory bus with the intake and outlets registered as the worker registers them,
/// AWS calls going to moto. <see cref="Published"/> sees what the bus took.
/// </summary>
internal sealed class IntakeHost : IAsyncDisposable
{
    private readonly IHost host;

    private IntakeHost(IHost host, PublishedMessages published) => (this.host, Published) = (host, published);

    public PublishedMessages Published { get; }

    public IServiceProvider Services => host.Services;

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public static async Task<IntakeHost> StartAsync(MotoServer? moto, IDictionary<string, string?> settings,
        Action<PublishedMessages>? arrange = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The outbox lives in the saga store: a database of its own per host, unless the test shares one.
        var withStore = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in TestProfiles.Settings) withStore.TryAdd(key, value);
        withStore.TryAdd("SagaStore:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), $"intake-{Guid.NewGuid():N}.db")}");
        builder.Configuration.AddInMemoryCollection(withStore);
        builder.Services.AddLogging(l =>
        {
            if (logs is not null) l.AddProvider(logs);
        });
        if (moto is not null) builder.Services.AddSingleton(new SqsClients(Options.Create(moto.Options), moto.Credentials));
        builder.Services.AddMassTransit(x =>
        {
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        builder.Services.AddProvisionerSagaStore();
        builder.Services.AddProvisionerIntake();
        builder.Services.AddProvisionerOutlet();
        var host = builder.Build();
        var published = new PublishedMessages();
        arrange?.Invoke(published);
        host.Services.GetRequiredService<IBus>().ConnectPublishObserver(published);
        await host.StartAsync();
        return new IntakeHost(host, published);
    }

    /// <summary>An event as the saga writes it: routed to its outbox rows (the outlet, the ticket's callback) and committed.</summary>
    public Task WriteAsync(object message, Provisioner.Contracts.TicketReference? ticket = null) =>
        Services.GetRequiredService<OutboxStore>().AppendAsync(Services.GetRequiredService<OutletRouting>().RowsFor(message, ticket), default);

    public Task StopAsync() => host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
