using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SecurityToken;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws.Adaptive;

namespace Provisioner.Worker.Aws;

/// <summary>
/// Builds the SDK clients the way every stage needs them: per region, honouring custom endpoints (path-style S3,
/// explicit signing region), with credentials from the default chain unless some are given (tests), and the retry
/// mode of <see cref="AwsOptions.RetryMode"/> (adaptive: a client-side rate limiter per client).
/// </summary>
public sealed class AwsClients(IOptions<AwsOptions> options, AWSCredentials? credentials = null, Testing.MutationSeam? seam = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, IAmazonS3> s3 = new();
    private readonly ConcurrentDictionary<string, IAmazonSecurityTokenService> sts = new();

    public AwsOptions Options => options.Value;

    public AWSCredentials Credentials => credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(null);

    public IAmazonS3 S3(string region) => s3.GetOrAdd(region, r => new AdaptiveS3Client(credentials, S3Config(r), Options));

    private AmazonS3Config S3Config(string region)
    {
        var config = new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            MaxErrorRetry = Options.MaxAttempts - 1,
            RetryMode = Options.RetryMode,
        };
        if (AwsEndpoints.Resolve("S3", Options.EndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }
        if (seam is not null) config.HttpClientFactory = new Testing.SeamHttpClientFactory(seam, "s3");
        return config;
    }

    /// <summary>A new S3 client with other credentials (a probe acting as the workload); the caller disposes it.</summary>
    public IAmazonS3 S3With(AWSCredentials other, string region) => new AdaptiveS3Client(other, S3Config(region), Options);

    public IAmazonSecurityTokenService Sts(string region) => sts.GetOrAdd(region, r =>
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(r),
            MaxErrorRetry = Options.MaxAttempts - 1,
            RetryMode = Options.RetryMode,
        };
        if (AwsEndpoints.Resolve("STS", Options.EndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = r;
        }
        return new AdaptiveStsClient(credentials, config, Options);
    });

    public void Dispose()
    {
        foreach (var client in s3.Values) client.Dispose();
        foreach (var client in sts.Values) client.Dispose();
    }
}
