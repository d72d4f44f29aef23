using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Cli;

/// <summary>The plan as a person reads it: documents as JSON objects, not strings.</summary>
public static class PlanPrinter
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static JsonObject ToJson(EnvironmentPlan plan)
    {
        var json = JsonSerializer.SerializeToNode(plan, Indented)!.AsObject();
        json.Remove("stages");
        json["stages"] = JsonSerializer.SerializeToNode(plan.Stages);
        json["accessPolicy"]!["document"] = JsonNode.Parse(plan.AccessPolicy.Document);
        json["role"]!["trustPolicy"] = JsonNode.Parse(plan.Role.TrustPolicy);
        json["serviceAccount"]!["manifest"] = ServiceAccountManifest.For(plan.ServiceAccount);
        if (plan.BucketPolicy is { } bucketPolicy)
        {
            var grants = json["bucketPolicy"]!["grants"]!.AsArray();
            for (var i = 0; i < bucketPolicy.Grants.Count; i++)
            {
                grants[i]!["statement"] = JsonNode.Parse(bucketPolicy.Grants[i].Statement);
                grants[i]!["identityPolicy"] = JsonNode.Parse(bucketPolicy.Grants[i].IdentityPolicy);
            }
        }
        if (plan.Helm is { } helm)
        {
            json["helm"]!["values"] = JsonNode.Parse(helm.Values);
            // The exact command depends on the helm found at run time; both majors are shown.
            json["helm"]!["command"] = new JsonObject
            {
                ["helm4"] = Command(4, helm),
                ["helm3"] = Command(3, helm),
            };
        }
        return json;
    }

    private static string Command(int major, MilvusReleasePlan helm) =>
        "helm " + string.Join(' ', HelmCommands.UpgradeInstall(major, helm, "<values.json>", new HelmOptions()));

    public static string Print(EnvironmentPlan plan) => ToJson(plan).ToJsonString(Indented);
}
