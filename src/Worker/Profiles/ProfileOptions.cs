namespace Provisioner.Worker.Profiles;

/// <summary>
/// One profile, bound from <c>Profiles:&lt;name&gt;</c>: what a request that chooses it may set. Every setting left out
/// keeps the safe default below, so an operator loosens one rule at a time; lists are replaced, never merged.
/// </summary>
public sealed record ProfileOptions
{
    public const string DefaultName = "default";
    public const string DefaultIamNamePrefix = "milvus-";

    /// <summary>The tenants that may choose the profile; <c>*</c> = every tenant. Absent: every tenant for <c>default</c>, none for any other.</summary>
    public string[]? Tenants { get; init; }

    /// <summary>Absent: only the official Milvus chart repository's <c>milvus</c> chart, any version.</summary>
    public ChartRule[]? Charts { get; init; }

    /// <summary>Key paths of <c>milvus.values</c> (see <see cref="ValuePaths"/>); absent: <see cref="SafeValues"/>.</summary>
    public string[]? Values { get; init; }

    /// <summary>Namespace patterns with <c>{tenant}</c>, <c>{environment}</c> and <c>*</c>; absent: <c>milvus</c> and <c>milvus-{environment}</c>.</summary>
    public string[]? Namespaces { get; init; }

    /// <summary>The IAM path of the role, policy and user; a request may only go below it.</summary>
    public string RolePath { get; init; } = "/";

    /// <summary>Put on every role and user; a request may not remove it, only choose one of <see cref="AllowedBoundaries"/> instead.</summary>
    public string? PermissionsBoundary { get; init; }

    /// <summary>Narrower boundaries the operator vouches for, which a request may choose instead of the forced one; <c>*</c> = any (development only).</summary>
    public string[]? AllowedBoundaries { get; init; }

    /// <summary>Every IAM name (role, policy, user) starts with it, so the worker's own policy can scope them exactly.</summary>
    public string IamNamePrefix { get; init; } = DefaultIamNamePrefix;

    public bool AllowCreateOidcProvider { get; init; }

    /// <summary>Namespace patterns (as <see cref="Namespaces"/>) where an existing ServiceAccount may be adopted; absent or empty: adoption is refused.</summary>
    public string[]? AdoptServiceAccountNamespaces { get; init; }

    /// <summary>Accounts (12 digits) whose principals may be granted access to the bucket; <c>*</c> = any; absent or empty: no grants.</summary>
    public string[]? CrossAccountAccounts { get; init; }

    public bool AllowAccessKeys { get; init; }

    /// <summary><c>SSE-S3</c> or <c>SSE-KMS</c>: the weakest bucket encryption a request may ask for.</summary>
    public string MinimumEncryption { get; init; } = "SSE-S3";

    public bool RequireVersioning { get; init; }

    public static readonly ChartRule OfficialChart = new() { Repository = "https://zilliztech.github.io/milvus-helm/", Name = "milvus" };

    /// <summary>Sizing and logging only: nothing that changes who a pod runs as, what it runs or what it mounts.</summary>
    public static readonly string[] SafeValues =
    [
        "log.level", "log.format",
        "*.replicas", "*.resources",
        "etcd.replicaCount", "etcd.resources", "etcd.persistence.size",
        "standalone.persistence.persistentVolumeClaim.size",
        "woodpecker.resources",
        "metrics.enabled",
    ];

    public static readonly string[] DefaultNamespaces = ["milvus", "milvus-{environment}"];

    public IReadOnlyList<ChartRule> ChartsOrDefault => Charts ?? [OfficialChart];
    public IReadOnlyList<string> ValuesOrDefault => Values ?? SafeValues;
    public IReadOnlyList<string> NamespacesOrDefault => Namespaces ?? DefaultNamespaces;

    public bool IsGrantedTo(string name, string tenant) =>
        Tenants is { } tenants ? tenants.Any(t => t == "*" || string.Equals(t, tenant, StringComparison.Ordinal)) : name == DefaultName;
}
