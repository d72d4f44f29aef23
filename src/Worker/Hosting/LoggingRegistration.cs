using Serilog;
using Serilog.Events;

namespace Provisioner.Worker.Hosting;

public static class LoggingRegistration
{
    /// <summary>Serilog's console default with the trace id, when there is one, after the message.</summary>
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{Trace}{NewLine}{Exception}";

    /// <summary>Serilog from configuration (<c>Serilog</c> section), to the console; CLI verbs log to stderr so stdout stays data.</summary>
    public static void AddProvisionerLogging(this IHostApplicationBuilder builder, bool toStandardError)
    {
        builder.Services.AddSerilog((_, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", toStandardError ? LogEventLevel.Warning : LogEventLevel.Information)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<Telemetry.TraceIdEnricher>()
            .WriteTo.Console(outputTemplate: OutputTemplate, standardErrorFromLevel: toStandardError ? LogEventLevel.Verbose : null));
    }
}
