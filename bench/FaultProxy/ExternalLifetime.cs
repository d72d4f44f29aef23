using Microsoft.Extensions.Hosting;

namespace Provisioner.FaultProxy;

/// <summary>The owner starts and stops the proxy (a test, or Program on a signal); it never listens to the console itself.</summary>
internal sealed class ExternalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
