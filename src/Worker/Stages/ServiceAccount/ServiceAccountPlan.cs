namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// <paramref name="Manage"/> false = the caller applies the manifest (GitOps); the worker never calls the cluster.
/// <paramref name="Adopt"/> = take over an existing ServiceAccount that is not labelled as ours.
/// </summary>
public sealed record ServiceAccountPlan(
    string Namespace,
    string Name,
    bool Manage,
    bool Adopt,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The Milvus release installed in the namespace, if any: with <c>deleteData</c>, its PersistentVolumeClaims are deleted.</summary>
    public string? Release { get; init; }
}
