using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Planning;

/// <summary>
/// A plan against the plan of what is applied, stage by stage: what a person pastes into a change ticket. Pure: it
/// compares plans, not the cloud (drift is the run's and the drift check's business). Run ids never count as a change.
/// </summary>
public static class PlanChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PlanChange> Compare(EnvironmentPlan applied, EnvironmentPlan next)
    {
        var changes = new List<PlanChange>();
        foreach (var stage in StageCatalogue.All.Where(s => s.HasCompensation))
        {
            var (before, after) = (stage.ItemOf(applied, applied.RunId, default), stage.ItemOf(next, next.RunId, default));
            if (before is null && after is null) continue;
            if (before is null) changes.Add(new PlanChange(stage.Name, after!.Name, PlanChange.Created, []));
            else if (after is null)
                changes.Add(new PlanChange(stage.Name, before.Name, PlanChange.Unchanged, [], "not in this request: left as it is"));
            else if (before.Name != after.Name)
            {
                changes.Add(new PlanChange(stage.Name, after.Name, PlanChange.Created, [], $"replaces {before.Name}"));
                changes.Add(new PlanChange(stage.Name, before.Name, PlanChange.Removed, [], $"replaced by {after.Name}; removed once the run succeeded"));
            }
            else
            {
                var fields = Differences(before.Plan, after.Plan);
                changes.Add(new PlanChange(stage.Name, after.Name, fields.Count == 0 ? PlanChange.Unchanged : PlanChange.Updated, fields));
            }
        }
        return changes;
    }

    /// <summary>The top-level fields of a stage's plan that differ, documents compared by meaning and ownership tags without their run id.</summary>
    private static List<string> Differences(JsonElement before, JsonElement after)
    {
        var (a, b) = (Normalized(before), Normalized(after));
        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(a[key], b[key]))
            .Select(JsonNamingPolicy.CamelCase.ConvertName).Order(StringComparer.Ordinal).ToList();
    }

    private static JsonObject Normalized(JsonElement plan)
    {
        var node = JsonNode.Parse(plan.GetRawText())!.AsObject();
        foreach (var (key, value) in node.ToList())
        {
            if (value is JsonObject tags) tags.Remove(OwnershipTags.RunId);
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('{')
                && JsonNode.Parse(s) is JsonObject document)
                node[key] = PolicyComparer.Normalize(document);
        }
        return node;
    }
}
