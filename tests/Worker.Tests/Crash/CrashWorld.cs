using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// Where one shape of the crash matrix runs in one mode: a working directory, a saga store and (production) a RabbitMQ
/// virtual host shared by every worker of the shape, moto, and the Kubernetes stand-in with helm when the shape needs
/// them. Each environment of the shape is acted on by one worker at a time, so the Nth mutating call of a worker is
/// the Nth call of that environment's run.
/// </summary>
public sealed class CrashWorld : IAsyncDisposable
{
    private static readonly TimeSpan Outcome = TimeSpan.FromSeconds(150);
    private readonly ScratchDirectory scratch = new();
    private readonly Dictionary<string, string> variables;

    private CrashWorld(CrashShape shape, MotoServer moto, KubernetesStandIn? cluster, Dictionary<string, string> variables)
    {
        Shape = shape;
        Moto = moto;
        Cluster = cluster;
        this.variables = variables;
    }

    public CrashShape Shape { get; }

    public MotoServer Moto { get; }

    public KubernetesStandIn? Cluster { get; }

    public static async Task<CrashWorld> CreateAsync(CrashShape shape, CrashMode mode, MotoServer moto, Func<Task<Dictionary<string, string>>> production)
    {
        var cluster = shape.NeedsCluster ? await KubernetesStandIn.StartAsync($"https://oidc.eks.us-east-2.amazonaws.com/id/CRASH{shape.Name.ToUpperInvariant()}{mode}") : null;
        var variables = mode == CrashMode.Production ? await production() : [];
        variables["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString();
        variables["AWS_ACCESS_KEY_ID"] = moto.AccessKey;
        variables["AWS_SECRET_ACCESS_KEY"] = moto.SecretKey;
        variables["AWS_REGION"] = "us-east-2";
        variables["DOTNET_ENVIRONMENT"] = "Testing";
        variables["Api__AllowAnonymousLoopback"] = "true";
        // moto evaluates no web-identity trust, so the active probe could prove nothing here; the document checks run.
        variables["Verify__ActiveProbe"] = "Off";
        variables["Recovery__SweepInterval"] = "00:00:01";
        variables["Stages__Retry__MinInterval"] = "00:00:00.200";
        variables["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in shape.Settings) variables[key] = value;
        var world = new CrashWorld(shape, moto, cluster, variables);
        if (mode == CrashMode.Embedded) variables["SagaStore__ConnectionString"] = $"Data Source={world.scratch.File("saga.db")}";
        if (cluster is not null)
        {
            var kubeconfig = world.scratch.File("kubeconfig");
            StandInKubeconfig.Write(kubeconfig, cluster.Url);
            variables["KUBECONFIG"] = kubeconfig;
            using var iam = moto.CreateIamClient();
            // The cluster's provider exists before any environment, as on a real cluster: it is nobody's environment.
            await iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(cluster.Issuer!, ["sts.amazonaws.com"],
                [new string('0', 40)], new Dictionary<string, string>(), default);
        }
        if (shape.NeedsHelm)
        {
            variables["Helm__Binary"] = HelmBinaries.Require(4);
            variables["Helm__Timeout"] = "00:01:00";
        }
        return world;
    }

    /// <summary>A worker of this world; <paramref name="knobs"/> adds the crash settings of one run.</summary>
    public Task<WorkerProcess> StartWorkerAsync(IReadOnlyDictionary<string, string>? knobs = null)
    {
        var settings = new Dictionary<string, string>(variables);
        foreach (var (key, value) in knobs ?? new Dictionary<string, string>()) settings[key] = value;
        return WorkerProcess.StartServiceAsync(scratch.Path, settings);
    }

    /// <summary>The kubeconfig of the world's stand-in cluster (null without one).</summary>
    public string? Kubeconfig => variables.GetValueOrDefault("KUBECONFIG");

    /// <summary>A verb of the program (<c>check</c>, <c>destroy</c>, …) on this world's store, with <paramref name="knobs"/> added.</summary>
    public Task<WorkerResult> RunVerbAsync(IReadOnlyDictionary<string, string> knobs, params string[] arguments)
    {
        var settings = new Dictionary<string, string>(variables);
        foreach (var (key, value) in knobs) settings[key] = value;
        return WorkerProcess.RunAsync(scratch.Path, settings, Outcome, arguments);
    }

    /// <summary>The request of <paramref name="request"/> (or a deprovision with deleteData when null) for the environment; returns its id.</summary>
    public static async Task<Guid> SubmitAsync(WorkerProcess worker, string environment, JsonObject? request)
    {
        var requestId = Guid.NewGuid();
        using var response = request is null
            ? await worker.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"environments/{environment}")
            {
                Content = new StringContent(new JsonObject { ["deleteData"] = true, ["requestId"] = requestId.ToString() }.ToJsonString(), Encoding.UTF8, "application/json"),
            })
            : await worker.Http.PostAsync("environments", new StringContent(WithId(request, requestId), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{environment}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return requestId;
    }

    /// <summary>Waits until the environment's status is the outcome of <paramref name="requestId"/> (an at-rest state).</summary>
    public static async Task<EnvironmentStatus> WaitForOutcomeAsync(WorkerProcess worker, string environment, Guid requestId)
    {
        var clock = Stopwatch.StartNew();
        string last = "nothing";
        while (clock.Elapsed < Outcome)
        {
            if (worker.HasExited) throw new InvalidOperationException($"{environment}: the worker exited ({worker.ExitCode}) before the outcome\n{worker.Tail()}");
            using var response = await worker.Http.GetAsync($"environments/{environment}");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var status = JsonSerializer.Deserialize<EnvironmentStatus>(last, JsonSerializerOptions.Web)!;
                if (status.RequestId == requestId && status.State is not ("running" or "deprovisioning" or "rotating")) return status;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{environment}: no outcome of {requestId} within {Outcome}; last status {last}\n{worker.Tail(80)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        scratch.Dispose();
    }

    private static string WithId(JsonObject request, Guid requestId)
    {
        var copy = request.DeepClone().AsObject();
        copy["requestId"] = requestId.ToString();
        return copy.ToJsonString();
    }
}
