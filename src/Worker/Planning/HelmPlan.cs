namespace Provisioner.Worker.Planning;

/// <summary><paramref name="Values"/> is the generated values document (JSON, which Helm reads as YAML).</summary>
public sealed record HelmPlan(
    string Release,
    string Namespace,
    string Chart,
    string? Repository,
    string? Version,
    string Values);
