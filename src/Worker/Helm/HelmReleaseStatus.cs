using System.Text.Json.Nodes;

namespace Provisioner.Worker.Helm;

/// <summary>
/// What <c>helm status -o json</c> reports (the same shape in Helm 3 and 4). <paramref name="Values"/> is the
/// user-supplied values (the release's <c>config</c>), exactly what <c>helm get values</c> returns. Helm 4 also reads
/// every live resource of the release for this command (<c>info.resources</c>), so frequent observing uses
/// <c>history</c> and <c>get values</c> instead.
/// </summary>
public sealed record HelmReleaseStatus(string Name, string Namespace, int Revision, string Status, string? Description, JsonObject Values)
{
    public bool IsStuck => HelmStatuses.IsStuck(Status);

    public static HelmReleaseStatus Parse(string json)
    {
        var root = HelmJson.Object(json, "helm status");
        var info = root["info"] as JsonObject ?? throw HelmJson.Malformed("helm status", "info");
        return new HelmReleaseStatus(
            HelmJson.String(root, "name", "helm status"),
            HelmJson.String(root, "namespace", "helm status"),
            root["version"]?.GetValue<int>() ?? throw HelmJson.Malformed("helm status", "version"),
            HelmJson.String(info, "status", "helm status"),
            info["description"]?.GetValue<string>(),
            root["config"] is JsonObject config ? (JsonObject)config.DeepClone() : []);
    }
}
