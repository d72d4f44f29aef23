using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>What a GitOps user applies when the worker does not manage the cluster (JSON is valid YAML).</summary>
public static class ServiceAccountManifest
{
    public static JsonObject For(ServiceAccountPlan sa) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = new JsonObject
        {
            ["name"] = sa.Name,
            ["namespace"] = sa.Namespace,
            ["labels"] = JsonSerializer.SerializeToNode(sa.Labels),
            ["annotations"] = JsonSerializer.SerializeToNode(sa.Annotations),
        },
    };
}
