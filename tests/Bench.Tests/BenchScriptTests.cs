using System.Diagnostics;
using System.Text.Json;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Bench.Tests;

/// <summary>
/// <c>./bench.sh --quick</c> end to end, as a person runs it: moto, the fault proxy, the published worker, every
/// phase; the JSON it writes must parse and hold every target with a measurement.
/// </summary>
public sealed class BenchScriptTests
{
    /// <summary>Three minutes on a quiet machine; the tests share theirs with other builds, so the test allows more.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    [Fact]
    [Trait("Category", "Bench")]
    public async Task Quick_WithJson_WritesEveryTargetMeasured()
    {
        var directory = Directory.CreateTempSubdirectory("bench-quick-").FullName;
        var json = Path.Combine(directory, "results.json");
        try
        {
            var (exit, output) = await RunAsync(RepositoryRoot.Combine("bench.sh"), "--quick", "--json", json, "--out", Path.Combine(directory, "report.md"));

            Assert.True(exit == 0, $"./bench.sh --quick exited {exit}:\n{output}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var targets = document.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
            Assert.Equal(Targets.Of(new BenchOptions { Moto = new Uri("http://x"), WorkerDll = "x", Output = "x", Quick = true }, new BenchResults())
                .Select(t => t.Name).Order(), targets.Keys.Order());
            Assert.All(targets.Values, target =>
            {
                Assert.Equal(JsonValueKind.Number, target.GetProperty("measured").ValueKind);
                Assert.Equal(JsonValueKind.Number, target.GetProperty("goal").ValueKind);
                Assert.Contains(target.GetProperty("met").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            });
            Assert.Contains("## Targets", await File.ReadAllTextAsync(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(script)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bench.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./bench.sh --quick did not finish within {Limit.TotalMinutes} minutes");
        }
        var text = await output + await error;
        return (process.ExitCode, text.Length > 8000 ? text[^8000..] : text);
    }
}
