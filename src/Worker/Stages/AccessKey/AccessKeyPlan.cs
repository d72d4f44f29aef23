namespace Provisioner.Worker.Stages.AccessKey;

/// <summary>
/// Access-key mode: the user's one access key and the Secret <paramref name="SecretName"/> in
/// <paramref name="Namespace"/> that holds it (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_REGION</c>).
/// Names only: the secret itself is never part of a plan.
/// </summary>
public sealed record AccessKeyPlan(
    string UserName,
    string Namespace,
    string SecretName,
    string Region,
    IReadOnlyDictionary<string, string> Labels)
{
    public const string AccessKeyIdKey = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyKey = "AWS_SECRET_ACCESS_KEY";
    public const string RegionKey = "AWS_REGION";

    /// <summary>The Milvus release installed in the namespace, if any: with <c>deleteData</c>, its PersistentVolumeClaims are deleted.</summary>
    public string? Release { get; init; }
}
