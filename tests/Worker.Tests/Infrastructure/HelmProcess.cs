using System.Text;
using CliWrap;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Runs a real helm binary for what the worker itself never runs (template, lint, install --dry-run).</summary>
internal static class HelmProcess
{
    public static readonly string StubChart = RepositoryRoot.Combine("tests", "charts", "milvus-stub");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string binary, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        var result = await CliWrap.Cli.Wrap(binary).WithArguments(args).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .ExecuteAsync(timeout.Token);
        return (result.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Output of a command that must succeed; a failure shows helm's own error.</summary>
    public static async Task<string> SucceedAsync(string binary, params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(binary, args);
        Assert.True(exitCode == 0, $"helm {string.Join(' ', args)} exited {exitCode}:\n{error}\n{output}");
        return output;
    }
}
