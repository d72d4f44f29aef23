using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace Provisioner.Worker.Aws.Iam;

/// <summary>
/// The IAM Query API (AWSSDK.IdentityManagement does not restore here), grouped by resource. IAM is global: requests
/// are always signed for us-east-1. Get* calls return null for a missing entity; every other call throws
/// <see cref="AwsException"/> (NoSuchEntity included), after retrying throttling (adaptive mode: paced by a client-side
/// rate limiter, until the caller's token ends), 5xx and transport failures.
/// </summary>
public sealed class IamClient : IDisposable
{
    public static readonly Uri DefaultEndpoint = new("https://iam.amazonaws.com/");

    private readonly HttpClient? ownedHttp;

    /// <summary>Signs with <paramref name="credentials"/>; the client owns its HttpClient.</summary>
    public IamClient(AWSCredentials credentials, AwsOptions options, Testing.MutationSeam? seam = null)
        : this(new HttpClient(CreateSigningHandler(credentials, Sender(seam))), options)
    {
        ownedHttp = Transport.Http;
    }

    /// <summary>What sends a signed request: the network, or (crash tests) the mutation seam in front of it.</summary>
    private static HttpMessageHandler Sender(Testing.MutationSeam? seam) => seam is null
        ? new HttpClientHandler()
        : new Testing.MutationSeamHandler(seam, Testing.MutationSeamHandler.IamQuery) { InnerHandler = new HttpClientHandler() };

    /// <summary>Uses a caller-built HttpClient that must already sign (see <see cref="CreateSigningHandler"/>).</summary>
    public IamClient(HttpClient signingHttp, AwsOptions options)
    {
        var endpoint = AwsEndpoints.Resolve("IAM", options.EndpointUrl) ?? DefaultEndpoint;
        Transport = new IamTransport(signingHttp, endpoint, options);
        Policies = new IamPolicies(Transport);
        Roles = new IamRoles(Transport);
        OpenIdConnectProviders = new IamOpenIdConnectProviders(Transport);
        Users = new IamUsers(Transport);
    }

    public Uri Endpoint => Transport.Endpoint;

    public IamPolicies Policies { get; }

    public IamRoles Roles { get; }

    public IamOpenIdConnectProviders OpenIdConnectProviders { get; }

    public IamUsers Users { get; }

    internal IamTransport Transport { get; }

    /// <summary>Credentials from the default chain: environment, profile, IRSA web identity, container, IMDS.</summary>
    public static IamClient CreateWithDefaultCredentials(AwsOptions options) =>
        new(DefaultAWSCredentialsIdentityResolver.GetCredentials(null), options);

    public static HttpMessageHandler CreateSigningHandler(AWSCredentials credentials, HttpMessageHandler inner) =>
        new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, "iam", inner);

    public void Dispose() => ownedHttp?.Dispose();
}
