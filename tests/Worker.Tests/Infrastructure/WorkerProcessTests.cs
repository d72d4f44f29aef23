namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The runner's own promise: a worker that does not finish in time is killed, never left behind.</summary>
public sealed class WorkerProcessTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task WaitForExitAsync_WorkerStillRunningAtTimeout_KillsItAndThrows()
    {
        var variables = new Dictionary<string, string> { ["SagaStore__ConnectionString"] = $"Data Source={scratch.File("saga.db")}" };
        // The service never exits on its own.
        await using var worker = WorkerProcess.Start(scratch.Path, variables, "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");

        await Assert.ThrowsAsync<TimeoutException>(() => worker.WaitForExitAsync(TimeSpan.FromSeconds(1)));

        Assert.True(worker.HasExited);
    }
}
