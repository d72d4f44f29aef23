using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

/// <summary>What a ticketing system does with our header, written from the README, not from our signing code.</summary>
internal static class SignatureVerifier
{
    public static bool IsValid(string secret, string header, byte[] body, TimeSpan maxAge)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > maxAge.TotalSeconds) return false;
        var signed = Encoding.UTF8.GetBytes($"{t}.").Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }
}
