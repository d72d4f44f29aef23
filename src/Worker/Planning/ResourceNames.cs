using System.Security.Cryptography;
using System.Text;
using Provisioner.Contracts;

namespace Provisioner.Worker.Planning;

/// <summary>Deterministic names: the same request always lands on the same resources.</summary>
public static class ResourceNames
{
    public const int MaxEnvironmentLength = 40;

    public static string Bucket(EnvironmentRequest request) =>
        request.Bucket.Name ?? $"milvus-{request.Environment}-{ShortHash($"{request.Environment}|{request.Aws.Region}|{request.Aws.AccountId}")}";

    public static string Policy(EnvironmentRequest request) => request.Access.PolicyName ?? $"milvus-{request.Environment}-s3-access";

    public static string Role(EnvironmentRequest request) => request.Access.RoleName ?? $"milvus-{request.Environment}-s3-access";

    public static string User(EnvironmentRequest request) => request.Access.UserName ?? $"milvus-{request.Environment}-s3-access";

    public static string Secret(EnvironmentRequest request) => request.Access.SecretName ?? $"milvus-{request.Environment}-s3-credentials";

    /// <summary>The saga of an environment is found by its name: one environment, one saga.</summary>
    public static Guid CorrelationId(string environment)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"milvus-provisioner:environment:{environment}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string ShortHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}
