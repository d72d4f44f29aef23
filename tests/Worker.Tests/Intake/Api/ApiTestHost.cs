using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.Telemetry;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary>
/// The worker as the program composes it — Kestrel on a loopback port, the in-memory bus, the real saga on SQLite,
/// the intake and outlets — with the cloud replaced by the saga tests' fakes, each call they take written to
/// <see cref="Calls"/>. Unless the settings say otherwise, anonymous loopback requests are served (as in development).
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string databasePath;

    private ApiTestHost(WebApplication app, string databasePath, CallLog calls)
    {
        (this.app, this.databasePath, Calls) = (app, databasePath, calls);
        Role = (FakeResource<RolePlan>)app.Services.GetRequiredService<IResource<RolePlan>>();
        AccessPolicy = (FakeResource<AccessPolicyPlan>)app.Services.GetRequiredService<IResource<AccessPolicyPlan>>();
    }

    /// <summary>Addressed to the port Kestrel picked (over loopback, whatever the bind).</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public PublishedMessages Published { get; } = new();

    public FakeResource<RolePlan> Role { get; }

    public FakeResource<AccessPolicyPlan> AccessPolicy { get; }

    /// <summary>Every call the fakes of AWS and Kubernetes took: the account and issuer looked up, and every create, update and delete.</summary>
    public CallLog Calls { get; }

    public string DatabasePath => databasePath;

    public IServiceProvider Services => app.Services;

    /// <param name="telemetry">Traces and metrics as the worker registers them, <c>/metrics</c> mapped.</param>
    public static async Task<ApiTestHost> StartAsync(IDictionary<string, string?>? settings = null, MotoServer? moto = null,
        string bind = "http://127.0.0.1:0", bool telemetry = false)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"api-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Tests" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(bind);
        var configured = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        configured.TryAdd("Api:AllowAnonymousLoopback", "true");
        foreach (var (key, value) in TestProfiles.Settings) configured.TryAdd(key, value);
        builder.Configuration.AddInMemoryCollection(configured);
        var log = new CallLog();
        var services = builder.Services;
        services.AddSingleton<IResource<BucketPlan>>(new FakeBucket(log, new FakeBucketContents(log)));
        services.AddSingleton<IResource<AccessPolicyPlan>>(new FakeResource<AccessPolicyPlan>("access-policy", log, p => p.Name));
        services.AddSingleton<IResource<RolePlan>>(new FakeResource<RolePlan>("role", log, p => p.Name));
        services.AddSingleton<IEnvironmentVerifier>(new FakeVerifier(log));
        services.AddSingleton<IPlanFactsResolver>(new LoggedPlanFacts(new FakePlanFacts(), log));
        services.AddSingleton<ISagaDatabase>(new SqliteSagaDatabase($"Data Source={databasePath}"));
        services.AddSingleton<SagaTable>();
        services.AddHostedService<SagaSchemaInitializer>();
        if (moto is not null) services.AddSingleton(new SqsClients(Options.Create(moto.Options), moto.Credentials));
        services.AddMassTransit(x =>
        {
            ProvisionerRegistration.AddProvisionerComponents(x);
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        services.AddProvisionerIntake();
        services.AddProvisionerDrift();
        services.AddProvisionerOutlet();
        if (telemetry) services.AddProvisionerTelemetry(builder.Configuration);
        services.AddProvisionerApiDocs();
        var app = builder.Build();
        app.MapEnvironmentsApi();
        app.MapRotateKeyApi();
        if (telemetry) app.MapProvisionerMetrics();
        app.MapProvisionerApiDocs();
        var host = new ApiTestHost(app, databasePath, log);
        app.Services.GetRequiredService<IBus>().ConnectPublishObserver(host.Published);
        await app.StartAsync();
        return host.WithAddress();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }) File.Delete(file);
    }

    private ApiTestHost WithAddress()
    {
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http.BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/");
        return this;
    }
}
