namespace Provisioner.Worker.Aws.Iam;

/// <summary>OIDC identity providers (one per EKS cluster issuer), the federated principal of an IRSA trust policy.</summary>
public sealed class IamOpenIdConnectProviders
{
    private const string ArnMarker = ":oidc-provider/";

    private readonly IamTransport transport;

    internal IamOpenIdConnectProviders(IamTransport transport) => this.transport = transport;

    public async Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellationToken)
    {
        var result = await transport.SendAsync(IamQuery.For("ListOpenIDConnectProviders"), cancellationToken)
            .ConfigureAwait(false);
        return [.. result.Members("OpenIDConnectProviderList").Select(provider => provider.Required("Arn"))];
    }

    public async Task<IamOpenIdConnectProvider?> GetOpenIdConnectProviderAsync(string arn,
        CancellationToken cancellationToken)
    {
        var query = IamQuery.For("GetOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn);
        var result = await transport.SendOrNullAsync(query, cancellationToken).ConfigureAwait(false);
        return result is null ? null : IamOpenIdConnectProvider.FromXml(arn, result);
    }

    /// <summary>Returns the new provider's ARN. <paramref name="url"/> must start with <c>https://</c>.</summary>
    public async Task<string> CreateOpenIdConnectProviderAsync(string url, IEnumerable<string> clientIds,
        IEnumerable<string> thumbprints, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var query = IamQuery.For("CreateOpenIDConnectProvider")
            .Add("Url", url)
            .AddList("ClientIDList", clientIds)
            .AddList("ThumbprintList", thumbprints)
            .AddTags(tags);
        var result = await transport.SendAsync(query, cancellationToken).ConfigureAwait(false);
        return result.Required("OpenIDConnectProviderArn");
    }

    public Task DeleteOpenIdConnectProviderAsync(string arn, CancellationToken cancellationToken) =>
        transport.SendAsync(IamQuery.For("DeleteOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn),
            cancellationToken);

    /// <summary>
    /// The provider for a cluster's issuer, or null. IAM names the provider after the issuer without its scheme
    /// (<c>arn:aws:iam::123456789012:oidc-provider/oidc.eks.region.amazonaws.com/id/X</c>), so one List call suffices.
    /// </summary>
    public async Task<string?> FindOpenIdConnectProviderArnAsync(string issuerUrl, CancellationToken cancellationToken)
    {
        var wanted = NormalizeIssuer(issuerUrl);
        var arns = await ListOpenIdConnectProvidersAsync(cancellationToken).ConfigureAwait(false);
        return arns.FirstOrDefault(arn =>
        {
            var at = arn.IndexOf(ArnMarker, StringComparison.Ordinal);
            return at >= 0 && NormalizeIssuer(arn[(at + ArnMarker.Length)..]) == wanted;
        });
    }

    /// <summary>Issuer as IAM stores it: no scheme, no trailing slash, host in lower case (the path is case-sensitive).</summary>
    internal static string NormalizeIssuer(string issuerUrl)
    {
        var text = issuerUrl.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) text = text[(scheme + 3)..];
        text = text.TrimEnd('/');
        var slash = text.IndexOf('/');
        return slash < 0 ? text.ToLowerInvariant() : text[..slash].ToLowerInvariant() + text[slash..];
    }
}
