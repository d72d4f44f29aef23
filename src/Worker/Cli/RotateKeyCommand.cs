using System.Text.Json;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Rotation;

namespace Provisioner.Worker.Cli;

/// <summary>
/// <c>rotate-key ENVIRONMENT</c>: rotates the environment's access key in this process, against the saga store the
/// worker uses; prints each step (key ids only) on stderr. Exit codes: 0 rotated, 1 refused.
/// </summary>
public static class RotateKeyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string environment, CancellationToken cancellationToken)
    {
        using var host = InProcessRun.BuildHost();
        await host.StartAsync(cancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var command = new RotateAccessKey(Guid.NewGuid(), environment);
            var refusal = await host.Services.GetRequiredService<KeyRotation>().RunAsync(command, async e =>
            {
                await Console.Error.WriteLineAsync($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType(), Json)}");
                await bus.Publish(e, cancellationToken);
            }, cancellationToken);
            return refusal is null ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
