using k8s;
using k8s.Models;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// Rolls the release's Deployments and StatefulSets (the Milvus chart labels every one with
/// <c>app.kubernetes.io/instance: RELEASE</c>) after its access key changed. The key reaches Milvus as env vars from
/// the Secret, which a running container never re-reads: only new pods see the new key. The pod template is stamped
/// with the key's id, so a second roll for the same key changes nothing and restarts nothing.
/// </summary>
public sealed class ReleaseWorkloads(KubernetesCalls calls, ILogger<ReleaseWorkloads> logger)
{
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string AccessKeyAnnotation = OwnershipTags.Prefix + "access-key-id";

    /// <returns>The workloads whose pods now roll, as <c>deployment/NAME</c> or <c>statefulset/NAME</c>.</returns>
    public async Task<IReadOnlyList<string>> RollAsync(string ns, string release, string accessKeyId, CancellationToken ct)
    {
        var selector = $"{InstanceLabel}={release}";
        var patch = new V1Patch(new Dictionary<string, object>
        {
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object> { ["annotations"] = new Dictionary<string, string> { [AccessKeyAnnotation] = accessKeyId } },
                },
            },
        }, V1Patch.PatchType.MergePatch);
        var rolled = new List<string>();
        var deployments = await calls.RunAsync($"list deployments {ns} {selector}",
            (c, t) => c.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector, cancellationToken: t), ct);
        foreach (var deployment in deployments.Items.Where(d => Stamp(d.Spec?.Template) != accessKeyId))
        {
            var name = deployment.Metadata.Name;
            await calls.RunAsync($"patch deployment {ns}/{name}",
                (c, t) => c.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: t), ct);
            rolled.Add($"deployment/{name}");
        }
        var statefulSets = await calls.RunAsync($"list statefulsets {ns} {selector}",
            (c, t) => c.AppsV1.ListNamespacedStatefulSetAsync(ns, labelSelector: selector, cancellationToken: t), ct);
        foreach (var statefulSet in statefulSets.Items.Where(s => Stamp(s.Spec?.Template) != accessKeyId))
        {
            var name = statefulSet.Metadata.Name;
            await calls.RunAsync($"patch statefulset {ns}/{name}",
                (c, t) => c.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: t), ct);
            rolled.Add($"statefulset/{name}");
        }
        if (rolled.Count > 0)
            logger.LogInformation("Rolling {Workloads} of release {Release} onto access key {AccessKeyId}", string.Join(", ", rolled), release, accessKeyId);
        return rolled;
    }

    private static string? Stamp(V1PodTemplateSpec? template) =>
        template?.Metadata?.Annotations is { } annotations && annotations.TryGetValue(AccessKeyAnnotation, out var id) ? id : null;
}
