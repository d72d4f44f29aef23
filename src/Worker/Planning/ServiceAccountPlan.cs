namespace Provisioner.Worker.Planning;

/// <summary><paramref name="Manage"/> false = the caller applies the manifest (GitOps); the worker never calls the cluster.</summary>
public sealed record ServiceAccountPlan(
    string Namespace,
    string Name,
    bool Manage,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);
