using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The Deployment, ReplicaSet and StatefulSet controllers, at once: a Deployment gets a ReplicaSet per pod template
/// (owned by it, labelled with the template's hash, older ones scaled down once the new one is ready), and every
/// workload's status says ready, as the controllers write it, unless its pods could never start: an image on a
/// registry under the reserved <c>.invalid</c> domain (ImagePullBackOff), or a release switched to never ready.
/// </summary>
public sealed class StandInWorkloadController(KubernetesStandInStore store)
{
    private const string HashLabel = "pod-template-hash";
    private readonly HashSet<string> neverReady = [];

    public void NeverReady(string release)
    {
        lock (neverReady) neverReady.Add(release);
    }

    public void SyncDeployment(StandInResourceType type, string ns, string name)
    {
        if (store.Get(type, ns, name).Body is not JsonObject deployment || deployment["spec"] is not JsonObject spec) return;
        var replicaSets = store.Types.Find("apps", "v1", "replicasets")!;
        var (replicas, template) = (StandInObjectRules.Number(spec["replicas"]) ?? 1, spec["template"] as JsonObject ?? []);
        var hash = Hash(template);
        var owned = store.Items(replicaSets, ns).Where(rs => IsControlledBy(rs, deployment)).ToList();
        var current = owned.FirstOrDefault(rs => rs["metadata"]!["labels"]?[HashLabel]?.GetValue<string>() == hash);
        var rsName = $"{name}-{hash}";
        if (current is null)
        {
            var rsTemplate = (JsonObject)template.DeepClone();
            rsTemplate["metadata"] ??= new JsonObject();
            rsTemplate["metadata"]!["labels"] = WithHash(rsTemplate["metadata"]!["labels"], hash);
            store.Create(replicaSets, ns, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = rsName, ["labels"] = WithHash(template["metadata"]?["labels"], hash),
                    ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = (owned.Count + 1).ToString() },
                    ["ownerReferences"] = new JsonArray(OwnerReference(deployment)),
                },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = replicas, ["template"] = rsTemplate,
                    ["selector"] = new JsonObject { ["matchLabels"] = WithHash(spec["selector"]?["matchLabels"], hash) },
                },
            });
        }
        else if (StandInObjectRules.Number(current["spec"]?["replicas"]) != replicas)
        {
            store.Patch(replicaSets, ns, rsName, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }, KubernetesStandInStore.MergePatch, null);
        }
        var ready = IsReady(deployment) ? replicas : 0;
        WriteReplicaSetStatus(replicaSets, ns, rsName, replicas, ready);
        if (ready == replicas)
            foreach (var old in owned.Where(rs => rs["metadata"]!["name"]!.GetValue<string>() != rsName))
            {
                var oldName = old["metadata"]!["name"]!.GetValue<string>();
                store.Patch(replicaSets, ns, oldName, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 0 } }, KubernetesStandInStore.MergePatch, null);
                WriteReplicaSetStatus(replicaSets, ns, oldName, 0, 0);
            }
        var status = WorkloadStatus(deployment, replicas, ready);
        status["updatedReplicas"] = replicas;
        if (ready < replicas) status["unavailableReplicas"] = replicas - ready;
        status["conditions"] = new JsonArray(
            Condition("Available", ready == replicas, ready == replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                ready == replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
            Condition("Progressing", true, ready == replicas ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                ready == replicas ? $"ReplicaSet \"{rsName}\" has successfully progressed." : $"ReplicaSet \"{rsName}\" is progressing."));
        store.WriteStatus(type, ns, name, status);
    }

    public void SyncStatefulSet(StandInResourceType type, string ns, string name)
    {
        if (store.Get(type, ns, name).Body is not JsonObject statefulSet || statefulSet["spec"] is not JsonObject spec) return;
        var replicas = StandInObjectRules.Number(spec["replicas"]) ?? 1;
        var ready = IsReady(statefulSet) ? replicas : 0;
        var revision = $"{name}-{Hash(spec["template"] as JsonObject ?? [])}";
        var status = WorkloadStatus(statefulSet, replicas, ready);
        (status["currentReplicas"], status["updatedReplicas"]) = (replicas, replicas);
        (status["currentRevision"], status["updateRevision"], status["collisionCount"]) = (revision, revision, 0);
        store.WriteStatus(type, ns, name, status);
    }

    private bool IsReady(JsonObject workload)
    {
        var template = workload["spec"]?["template"];
        var release = workload["metadata"]?["labels"]?[StandInControllers.InstanceLabel]?.GetValue<string>() ?? template?["metadata"]?["labels"]?[StandInControllers.InstanceLabel]?.GetValue<string>();
        lock (neverReady)
            if (release is not null && neverReady.Contains(release)) return false;
        var containers = new[] { "initContainers", "containers" }.SelectMany(c => template?["spec"]?[c] as JsonArray ?? []);
        return !containers.Any(c => Unpullable(c?["image"]?.GetValue<string>() ?? ""));
    }

    /// <summary>An image on a registry under the reserved <c>.invalid</c> domain: its pods stay in ImagePullBackOff.</summary>
    private static bool Unpullable(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? "" : image[..slash];
        return (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal)) && host.Split(':')[0].EndsWith(".invalid", StringComparison.Ordinal);
    }

    private static JsonObject WorkloadStatus(JsonObject workload, int replicas, int ready)
    {
        var status = new JsonObject { ["observedGeneration"] = workload["metadata"]!["generation"]?.DeepClone() ?? 1, ["replicas"] = replicas };
        if (ready > 0) (status["readyReplicas"], status["availableReplicas"]) = (ready, ready);
        return status;
    }

    private void WriteReplicaSetStatus(StandInResourceType replicaSets, string ns, string name, int replicas, int ready)
    {
        var generation = store.Get(replicaSets, ns, name).Body["metadata"]?["generation"]?.DeepClone() ?? 1;
        var status = new JsonObject { ["replicas"] = replicas, ["fullyLabeledReplicas"] = replicas, ["observedGeneration"] = generation };
        if (ready > 0) (status["readyReplicas"], status["availableReplicas"]) = (ready, ready);
        store.WriteStatus(replicaSets, ns, name, status);
    }

    private static JsonObject Condition(string type, bool status, string reason, string message)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        return new JsonObject
        {
            ["type"] = type, ["status"] = status ? "True" : "False", ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
            ["reason"] = reason, ["message"] = message,
        };
    }

    private static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = owner["apiVersion"]!.DeepClone(), ["kind"] = owner["kind"]!.DeepClone(), ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(), ["controller"] = true, ["blockOwnerDeletion"] = true,
    };

    private static bool IsControlledBy(JsonObject item, JsonObject owner) =>
        item["metadata"]?["ownerReferences"] is JsonArray refs
        && refs.Any(r => r?["controller"]?.GetValue<bool>() == true && r["uid"]?.GetValue<string>() == owner["metadata"]!["uid"]!.GetValue<string>());

    private static JsonObject WithHash(JsonNode? labels, string hash)
    {
        var copy = labels as JsonObject is { } existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        copy[HashLabel] = hash;
        return copy;
    }

    /// <summary>A stable 10-character name suffix from the template, in the alphabet the controller uses.</summary>
    private static string Hash(JsonObject template)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(template.ToJsonString()));
        return new string(bytes.Take(10).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
