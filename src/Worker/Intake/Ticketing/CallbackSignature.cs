using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>
/// <c>X-Provisioner-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>, for callbacks
/// we send and webhooks we receive. The time is signed too, so an old signature cannot be replayed later.
/// </summary>
public static class CallbackSignature
{
    public const string Header = "X-Provisioner-Signature";

    public static string Create(string secret, DateTimeOffset time, ReadOnlySpan<byte> body)
    {
        var t = time.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <returns>Null when the signature is good and fresh; else why not (safe to show: it names no secret or signature).</returns>
    /// <param name="signedAt">The signed time (unix seconds) when the header could be read.</param>
    public static string? Check(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew, out long signedAt)
    {
        signedAt = 0;
        if (string.IsNullOrWhiteSpace(header)) return $"the {Header} header is missing";
        long? t = null;
        var candidates = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=') is var i and > 0 ? (part[..i], part[(i + 1)..]) : (part, "");
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) t = parsed;
            else if (key == "v1" && value.Length == 64 && TryHex(value) is { } mac) candidates.Add(mac);
        }
        if (t is null || candidates.Count == 0) return $"the {Header} header is not t=<unix seconds>,v1=<hex>";
        signedAt = t.Value;
        if (Math.Abs(now.ToUnixTimeSeconds() - t.Value) > (long)maxSkew.TotalSeconds) return "the signature is stale";
        var expected = Mac(secret, t.Value, body);
        var match = false;
        foreach (var candidate in candidates) match |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        return match ? null : "the signature does not match";
    }

    private static byte[] Mac(string secret, long t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static byte[]? TryHex(string value)
    {
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
