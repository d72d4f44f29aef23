using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// The configured clients: <c>Api:Clients:*</c>, and <c>Api:Token</c> as an <c>admin</c> client of the default tenant with
/// every scope. A presented token is compared, as a digest and in constant time, against every client's.
/// </summary>
public sealed class ApiClients
{
    public const string TokenClientName = "api-token";

    private static readonly byte[] NoToken = new byte[TokenDigest.Length];

    private readonly IReadOnlyList<(ApiClient Client, Func<byte[]?> Digest)> clients;

    public ApiClients(IOptions<ApiOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        var list = new List<(ApiClient, Func<byte[]?>)>();
        if (!string.IsNullOrEmpty(o.Token))
        {
            var digest = TokenDigest.Of(o.Token);
            list.Add((new ApiClient(TokenClientName, Contracts.Caller.DefaultTenant, ApiScopes.All.ToHashSet(StringComparer.Ordinal)), () => digest));
        }
        foreach (var (name, client) in o.Clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var identity = new ApiClient(name, client.Tenant, ApiScopes.Parse(client.Scopes).Scopes);
            if (TokenDigest.Parse(client.TokenSha256) is { } digest) list.Add((identity, () => digest));
            else if (!string.IsNullOrWhiteSpace(client.TokenFile)) list.Add((identity, new TokenFileDigest(client.TokenFile, clock).Current));
        }
        clients = list;
    }

    public bool Any => clients.Count > 0;

    /// <summary>The client whose token this is, or null. Every client is compared, so the time taken does not say which matched.</summary>
    public ApiClient? Authenticate(string token)
    {
        var presented = TokenDigest.Of(token);
        ApiClient? found = null;
        foreach (var (client, digest) in clients)
        {
            var expected = digest();
            if (CryptographicOperations.FixedTimeEquals(presented, expected ?? NoToken) && expected is not null) found ??= client;
        }
        return found;
    }
}
