using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

[Collection("moto")]
public sealed class IamOpenIdConnectProvidersTests : IDisposable
{
    private const string Thumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private readonly CancellationToken ct;
    private readonly IamClient iam;

    public IamOpenIdConnectProvidersTests(MotoServer moto)
    {
        iam = moto.CreateIamClient();
        ct = timeout.Token;
    }

    private IamOpenIdConnectProviders Providers => iam.OpenIdConnectProviders;

    public void Dispose()
    {
        iam.Dispose();
        timeout.Dispose();
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_New_GetReturnsUrlWithoutSchemeClientIdsThumbprintsTags()
    {
        var issuer = NewIssuer();

        var arn = await Providers.CreateOpenIdConnectProviderAsync($"https://{issuer}", ["sts.amazonaws.com"],
            [Thumbprint], IamTestData.Tags(), ct);
        var provider = await Providers.GetOpenIdConnectProviderAsync(arn, ct);

        Assert.Equal($"arn:aws:iam::{IamTestData.Account}:oidc-provider/{issuer}", arn);
        Assert.NotNull(provider);
        Assert.Equal(issuer, provider.Url);
        Assert.Equal(["sts.amazonaws.com"], provider.ClientIds);
        Assert.Equal([Thumbprint], provider.Thumbprints);
        Assert.Equal(IamTestData.Tags(), provider.Tags);
        Assert.Contains(arn, await Providers.ListOpenIdConnectProvidersAsync(ct));
    }

    [Theory]
    [InlineData("https://{0}")]
    [InlineData("https://{0}/")]
    [InlineData("{0}")]
    [InlineData("{0}/")]
    [InlineData("HTTPS://OIDC.EKS.EU-WEST-1.AMAZONAWS.COM/id/{1}")]
    public async Task FindOpenIdConnectProviderArn_IssuerSpelledAnyWay_ReturnsTheProvider(string issuerFormat)
    {
        var issuer = NewIssuer();
        var arn = await Providers.CreateOpenIdConnectProviderAsync($"https://{issuer}", ["sts.amazonaws.com"],
            [Thumbprint], IamTestData.Tags(), ct);
        var spelled = string.Format(System.Globalization.CultureInfo.InvariantCulture, issuerFormat, issuer,
            issuer[(issuer.LastIndexOf('/') + 1)..]);

        Assert.Equal(arn, await Providers.FindOpenIdConnectProviderArnAsync(spelled, ct));
    }

    [Fact]
    public async Task FindOpenIdConnectProviderArn_PathDiffersOnlyInCase_ReturnsNull()
    {
        var issuer = NewIssuer();
        await Providers.CreateOpenIdConnectProviderAsync($"https://{issuer}", ["sts.amazonaws.com"], [Thumbprint],
            IamTestData.Tags(), ct);

        Assert.Null(await Providers.FindOpenIdConnectProviderArnAsync($"https://{issuer.ToLowerInvariant()}", ct));
    }

    [Fact]
    public async Task FindOpenIdConnectProviderArn_Unknown_ReturnsNull() =>
        Assert.Null(await Providers.FindOpenIdConnectProviderArnAsync($"https://{NewIssuer()}", ct));

    [Fact]
    public async Task GetOpenIdConnectProvider_Missing_ReturnsNull() =>
        Assert.Null(await Providers.GetOpenIdConnectProviderAsync(
            $"arn:aws:iam::{IamTestData.Account}:oidc-provider/{NewIssuer()}", ct));

    [Fact]
    public async Task DeleteOpenIdConnectProvider_Existing_GetAndFindReturnNull()
    {
        var issuer = NewIssuer();
        var arn = await Providers.CreateOpenIdConnectProviderAsync($"https://{issuer}", ["sts.amazonaws.com"],
            [Thumbprint], IamTestData.Tags(), ct);

        await Providers.DeleteOpenIdConnectProviderAsync(arn, ct);

        Assert.Null(await Providers.GetOpenIdConnectProviderAsync(arn, ct));
        Assert.Null(await Providers.FindOpenIdConnectProviderArnAsync(issuer, ct));
    }

    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/ABC", "oidc.eks.us-east-1.amazonaws.com/id/ABC")]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/ABC/", "oidc.eks.us-east-1.amazonaws.com/id/ABC")]
    [InlineData(" Oidc.EKS.us-east-1.amazonaws.com/id/ABC// ", "oidc.eks.us-east-1.amazonaws.com/id/ABC")]
    [InlineData("https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com")]
    public void NormalizeIssuer_AnySpelling_MatchesHowIamStoresIt(string issuer, string expected) =>
        Assert.Equal(expected, IamOpenIdConnectProviders.NormalizeIssuer(issuer));

    private static string NewIssuer() =>
        $"oidc.eks.eu-west-1.amazonaws.com/id/{Guid.NewGuid().ToString("N").ToUpperInvariant()}";
}
