namespace Provisioner.Worker.Planning;

/// <summary>The tags (and Kubernetes labels) that mark a resource as ours and say which environment and request made it.</summary>
public static class OwnershipTags
{
    public const string Prefix = "milvus-provisioner/";
    public const string ManagedBy = "managed-by";
    public const string ManagedByValue = "milvus-provisioner";
    public const string Environment = Prefix + "environment";
    public const string RequestId = Prefix + "request-id";
    public const int Count = 3;

    public static Dictionary<string, string> For(string environment, Guid requestId) => new(StringComparer.Ordinal)
    {
        [ManagedBy] = ManagedByValue,
        [Environment] = environment,
        [RequestId] = requestId.ToString(),
    };

    /// <summary>Ours = managed by us and for this environment; the request id only says which run created it.</summary>
    public static bool IsOwnedBy(IReadOnlyDictionary<string, string>? tags, string environment) =>
        tags is not null
        && tags.TryGetValue(ManagedBy, out var managedBy) && managedBy == ManagedByValue
        && tags.TryGetValue(Environment, out var env) && env == environment;

    public static bool WasCreatedBy(IReadOnlyDictionary<string, string>? tags, Guid requestId) =>
        tags is not null && tags.TryGetValue(RequestId, out var id) && id == requestId.ToString();

    /// <summary>Desired tags minus the request id, which records the creator and is never rewritten by a reconcile.</summary>
    public static bool Converged(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string>? actual) =>
        actual is not null && desired.Where(t => t.Key != RequestId).All(t => actual.TryGetValue(t.Key, out var v) && v == t.Value);
}
