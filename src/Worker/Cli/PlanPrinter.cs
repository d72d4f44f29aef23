using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Cli;

/// <summary>
/// The plan as a person reads it: only the sections of the stages the run will go through (no role in access-key mode),
/// documents as JSON objects, and for a reconcile the changes against what is applied.
/// </summary>
public static class PlanPrinter
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Each stage's section of the plan.</summary>
    private static readonly Dictionary<string, string> Sections = new(StringComparer.Ordinal)
    {
        [StageNames.Bucket] = "bucket", [StageNames.BucketPolicy] = "bucketPolicy", [StageNames.AccessPolicy] = "accessPolicy",
        [StageNames.Role] = "role", [StageNames.IamUser] = "user", [StageNames.AccessKey] = "accessKey",
        [StageNames.ServiceAccount] = "serviceAccount", [StageNames.MilvusRelease] = "helm",
    };

    public static JsonObject ToJson(EnvironmentPlan plan, IReadOnlyList<PlanChange>? changes = null)
    {
        var json = JsonSerializer.SerializeToNode(plan, Indented)!.AsObject();
        json.Remove("stages");
        json["stages"] = JsonSerializer.SerializeToNode(plan.Stages);
        foreach (var (stage, section) in Sections.Where(s => !plan.Stages.Contains(s.Key)))
            if (!(section == "serviceAccount" && ManifestToApply(plan))) json.Remove(section);
        if (json["accessPolicy"] is JsonObject policy) policy["document"] = JsonNode.Parse(plan.AccessPolicy.Document);
        if (json["role"] is JsonObject role) role["trustPolicy"] = JsonNode.Parse(plan.Role.TrustPolicy);
        if (json["serviceAccount"] is JsonObject account) account["manifest"] = ServiceAccountManifest.For(plan.ServiceAccount);
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
        if (changes is not null) json["changes"] = JsonSerializer.SerializeToNode(changes, Indented);
        return json;
    }

    /// <summary>IRSA without the worker managing the cluster: no stage makes the ServiceAccount, the caller applies this manifest.</summary>
    private static bool ManifestToApply(EnvironmentPlan plan) => plan is { User: null, ServiceAccount.Manage: false };

    private static string Command(int major, MilvusReleasePlan helm) =>
        "helm " + string.Join(' ', HelmCommands.UpgradeInstall(major, helm, "<values.json>", new HelmOptions()));

    /// <summary>A plan made before any run (<c>plan</c>, <c>POST /plans</c>) has no run id yet: its tags show <c>&lt;run-id&gt;</c>.</summary>
    public static string Print(EnvironmentPlan plan, IReadOnlyList<PlanChange>? changes = null)
    {
        var text = ToJson(plan, changes).ToJsonString(Indented);
        return plan.RunId == Guid.Empty ? text.Replace(Guid.Empty.ToString(), "<run-id>", StringComparison.Ordinal) : text;
    }
}
