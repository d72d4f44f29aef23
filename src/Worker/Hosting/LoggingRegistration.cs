using Serilog;
using Serilog.Events;

namespace Provisioner.Worker.Hosting;

public static class LoggingRegistration
{
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
            .WriteTo.Console(standardErrorFromLevel: toStandardError ? LogEventLevel.Verbose : null));
    }
}
