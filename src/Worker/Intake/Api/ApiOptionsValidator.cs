using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// Every problem of <c>Api:Clients</c> at start, named by client and key; never a token or a digest, which stay out
/// of messages as they stay out of logs.
/// </summary>
public sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var problems = new List<string>();
        if (options.MaxRequestBytes < 1024) problems.Add("Api:MaxRequestBytes must be at least 1024");
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Token)) digests[Convert.ToHexString(TokenDigest.Of(options.Token))] = "Api:Token";
        foreach (var (client, o) in options.Clients)
        {
            var key = $"Api:Clients:{client}";
            if (!ClientName().IsMatch(client)) problems.Add($"{key}: a client name is 1 to 64 letters, digits, '.', '_' or '-'");
            var digest = ClientDigest(key, o, problems);
            if (digest is not null && !digests.TryAdd(Convert.ToHexString(digest), key))
                problems.Add($"{key}: has the same token as {digests[Convert.ToHexString(digest)]}; give each client its own");
            problems.AddRange(NameRules.DnsLabel(o.Tenant).Select(m => $"{key}:Tenant {m}"));
            var (scopes, unknown) = ApiScopes.Parse(o.Scopes);
            if (unknown.Count > 0) problems.Add($"{key}:Scopes has {unknown.Count} unknown scope(s); the scopes are {string.Join(", ", ApiScopes.All)}");
            if (scopes.Count == 0) problems.Add($"{key}:Scopes must name at least one of {string.Join(", ", ApiScopes.All)}");
        }
        foreach (var origin in ApiOrigins.Parse(options.AllowedOrigins))
            if (!ApiOrigins.IsOrigin(origin)) problems.Add($"Api:AllowedOrigins: '{origin}' is not an origin such as https://console.example.com");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static byte[]? ClientDigest(string key, ApiClientOptions o, List<string> problems)
    {
        var (hasDigest, hasFile) = (!string.IsNullOrWhiteSpace(o.TokenSha256), !string.IsNullOrWhiteSpace(o.TokenFile));
        if (hasDigest == hasFile)
        {
            problems.Add($"{key}: set exactly one of TokenSha256 and TokenFile");
            return null;
        }
        if (hasDigest)
        {
            var digest = TokenDigest.Parse(o.TokenSha256);
            if (digest is null) problems.Add($"{key}:TokenSha256 must be 64 hex digits (the SHA-256 of the token)");
            return digest;
        }
        var fromFile = TokenFileDigest.Read(o.TokenFile!);
        if (fromFile is null) problems.Add($"{key}:TokenFile {o.TokenFile} cannot be read or holds no token");
        return fromFile;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")] private static partial Regex ClientName();
}
