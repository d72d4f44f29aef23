using System.Collections;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Helm;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HelmEnvironmentTests : IDisposable
{
    /// <summary>What the worker holds that helm must never see, set in this process for the test.</summary>
    private static readonly Dictionary<string, string> WorkerSecrets = new()
    {
        ["Api__Token"] = "api-token-not-for-helm",
        ["Ticketing__Secret"] = "ticketing-secret-not-for-helm",
        ["AWS_SECRET_ACCESS_KEY"] = "aws-secret-not-for-helm",
        ["SagaStore__ConnectionString"] = "Host=db;Password=not-for-helm",
    };

    /// <summary>Variables on the list, set for the test so that passing them is shown too (unset ones cannot be).</summary>
    private static readonly Dictionary<string, string> HelmSettings = new()
    {
        ["HTTPS_PROXY"] = "http://proxy.example:3128",
        ["no_proxy"] = "169.254.169.254,.svc",
        ["HELM_DRIVER"] = "secret",
        ["HELM_CACHE_HOME"] = "/var/cache/helm-test",
    };

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("helm-environment-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Removals_WorkerVariables_EachSetToNullAndPassedOnesLeftAlone()
    {
        var current = new Hashtable
        {
            ["PATH"] = "/usr/bin", ["KUBECONFIG"] = "/k", ["Api__Token"] = "t", ["HELM_NAMESPACE"] = "kube-system", ["Path"] = "x",
        };

        var removals = HelmEnvironment.Removals(current);

        Assert.Equal(new Dictionary<string, string?> { ["Api__Token"] = null, ["HELM_NAMESPACE"] = null, ["Path"] = null }, removals);
    }

    [Fact]
    public async Task RunAsync_WorkerSecretsInTheEnvironment_HelmSeesOnlyThePassedVariables()
    {
        var dump = Path.Combine(temp.FullName, "environment");
        // Stands in for helm: copies the environment it was started with (from /proc: as exec gave it, without what
        // bash adds), then answers `helm version`.
        var fakeHelm = await BashScript.WriteAsync(Path.Combine(temp.FullName, "helm"), $"cp /proc/$$/environ '{dump}'\nprintf v4.1.4\n");
        var cli = new HelmCli(Microsoft.Extensions.Options.Options.Create(new HelmOptions { Binary = fakeHelm }), NullLogger<HelmCli>.Instance);

        using (new ProcessVariables([.. WorkerSecrets, .. HelmSettings]))
            Assert.Equal(4, await cli.MajorVersionAsync(CancellationToken.None));

        var seen = (await File.ReadAllTextAsync(dump)).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1], StringComparer.Ordinal);
        Assert.Empty(seen.Keys.Except(HelmEnvironment.Passed));
        Assert.Empty(WorkerSecrets.Keys.Intersect(seen.Keys));
        Assert.All(HelmSettings, s => Assert.Equal(s.Value, seen.GetValueOrDefault(s.Key)));
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), seen.GetValueOrDefault("PATH"));
    }

    /// <summary>Sets variables in this process and puts back what was there before.</summary>
    private sealed class ProcessVariables : IDisposable
    {
        private readonly Dictionary<string, string?> before = new(StringComparer.Ordinal);

        public ProcessVariables(IEnumerable<KeyValuePair<string, string>> variables)
        {
            foreach (var (name, value) in variables)
            {
                before[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in before) Environment.SetEnvironmentVariable(name, value);
        }
    }
}
