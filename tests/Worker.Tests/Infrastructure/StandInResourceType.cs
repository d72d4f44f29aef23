namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>One kind the stand-in serves, as discovery describes it (<c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>).</summary>
public sealed record StandInResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced, bool HasStatus = false)
{
    public static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>Subresources as discovery lists them (<c>token</c> → <c>serviceaccounts/token</c>), with their verbs.</summary>
    public IReadOnlyDictionary<string, string[]> Subresources { get; init; } = new Dictionary<string, string[]>();

    /// <summary>A custom resource (a CRD's kind): the API server refuses strategic merge patches for it.</summary>
    public bool Custom { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>deployments.apps</c>, or the bare plural in the core group: how kubectl names a resource.</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Objects whose <c>metadata.generation</c> counts spec changes (the apps kinds and custom resources).</summary>
    public bool TracksGeneration => HasStatus && (Group.Length > 0 || Custom);
}
