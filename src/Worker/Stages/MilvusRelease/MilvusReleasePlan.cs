namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// <paramref name="Values"/> is the generated values document (JSON, which Helm reads as YAML). A release has no tags:
/// <paramref name="Tags"/> (ownership) travel inside its values as a marker the release resource adds.
/// </summary>
public sealed record MilvusReleasePlan(
    string Release,
    string Namespace,
    string Chart,
    string? Repository,
    string? Version,
    string Values,
    IReadOnlyDictionary<string, string> Tags);
