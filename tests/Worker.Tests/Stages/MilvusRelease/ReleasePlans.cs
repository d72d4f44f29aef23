using System.Text.Json;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>
/// Plans of the stub chart for a real cluster: namespace and ServiceAccount <c>default</c> (there on every cluster, so
/// no other stage is needed), and a tiny image, so <c>--wait</c> is over in seconds.
/// </summary>
internal static class ReleasePlans
{
    public const string Namespace = "default";
    public const string ReadyImage = """{"image":{"repository":"registry.k8s.io/pause","tag":"3.10"}}""";
    public const string NeverReadyImage = """{"image":{"repository":"registry.invalid/none","tag":"0"}}""";

    public static string NewRelease() => $"stub-{Guid.NewGuid():N}"[..20];

    public static MilvusReleasePlan For(string release, Guid requestId, string values = ReadyImage)
    {
        var valid = TestRequests.Valid();
        var request = valid with
        {
            Kubernetes = valid.Kubernetes with { Namespace = Namespace, ServiceAccount = "default" },
            Milvus = new Contracts.MilvusSpec
            {
                Release = release,
                Chart = HelmProcess.StubChart,
                Values = JsonSerializer.Deserialize<JsonElement>(values),
            },
        };
        return Planner.Plan(request, requestId, TestRequests.Facts()).Helm!;
    }
}
