using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The API server's defaulting for the fields that helm's readiness checks read (replicas, update strategies,
/// a Service's type and cluster IP), and the initial status a new object gets before any controller sees it.
/// </summary>
public static class StandInDefaults
{
    private static int nextClusterIp = 10;

    public static void Apply(StandInResourceType type, JsonObject item)
    {
        var spec = item["spec"] as JsonObject;
        switch (type.Group, type.Plural)
        {
            case ("apps", "deployments") when spec is not null:
                spec["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
                };
                break;
            case ("apps", "statefulsets") when spec is not null:
                spec["replicas"] ??= 1;
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
                break;
            case ("", "services") when spec is not null:
                spec["type"] ??= "ClusterIP";
                if (spec["type"]!.GetValue<string>() != "ExternalName" && spec["clusterIP"] is null)
                {
                    var ip = $"10.96.0.{Interlocked.Increment(ref nextClusterIp) % 250}";
                    (spec["clusterIP"], spec["clusterIPs"]) = (ip, new JsonArray(ip));
                }
                break;
        }
        if (item["status"] is null) InitialStatus(type, item);
    }

    private static void InitialStatus(StandInResourceType type, JsonObject item)
    {
        item["status"] = type.Plural switch
        {
            "namespaces" when type.Group.Length == 0 => new JsonObject { ["phase"] = "Active" },
            "persistentvolumeclaims" => new JsonObject { ["phase"] = "Pending" },
            "services" => new JsonObject { ["loadBalancer"] = new JsonObject() },
            _ when type.HasStatus => new JsonObject(),
            _ => null,
        };
        if (item["status"] is null) item.Remove("status");
        if (type.Plural == "namespaces" && type.Group.Length == 0) item["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
    }
}
