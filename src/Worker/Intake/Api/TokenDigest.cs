using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Worker.Intake.Api;

/// <summary>Bearer tokens are only ever held and compared as SHA-256 digests.</summary>
public static class TokenDigest
{
    public const int Length = 32;

    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <returns>The digest of <c>Api:Clients:*:TokenSha256</c>, or null when it is not 64 hex digits.</returns>
    public static byte[]? Parse(string? hex)
    {
        var trimmed = hex?.Trim() ?? "";
        if (trimmed.Length != Length * 2 || !trimmed.All(char.IsAsciiHexDigit)) return null;
        return Convert.FromHexString(trimmed);
    }
}
