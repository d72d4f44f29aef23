using Provisioner.Worker.Aws;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Telemetry;

namespace Provisioner.Worker.Hosting;

/// <summary>The long-running worker: the bus, the saga, the stages, and the HTTP API (default http://127.0.0.1:8080).</summary>
public static class WorkerHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The worker composed and its routes mapped, not started (tests start it in-process to see what it maps).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.AddProvisionerLogging(toStandardError: false);
        builder.Services.AddProblemDetails();
        builder.Services.AddProvisioner(builder.Configuration);
        builder.Services.AddProvisionerIntake();
        builder.Services.AddProvisionerOutlet();
        builder.Services.AddDriftScheduler();
        builder.Services.AddProvisionerTelemetry(builder.Configuration);
        builder.Services.AddAwsStartupCheck();
        builder.Services.AddProvisionerApiDocs();
        var app = builder.Build();
        app.MapEnvironmentsApi();
        app.MapRotateKeyApi();
        app.MapProvisionerMetrics();
        app.MapProvisionerApiDocs();
        return app;
    }
}
