using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws.Adaptive;

namespace Provisioner.Worker.Aws;

/// <summary>
/// SQS clients per region, beside <see cref="AwsClients"/>: the intake and the outlet talk to queues that need not
/// live in the region of the environments they provision.
/// </summary>
public sealed class SqsClients(IOptions<AwsOptions> options, AWSCredentials? credentials = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, IAmazonSQS> clients = new();

    public IAmazonSQS For(string region) => clients.GetOrAdd(region, r =>
    {
        var config = new AmazonSQSConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(r),
            MaxErrorRetry = options.Value.MaxAttempts - 1,
            RetryMode = options.Value.RetryMode,
        };
        if (AwsEndpoints.Resolve("SQS", options.Value.EndpointUrl) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = r; // else a custom endpoint is signed for us-east-1
        }
        return new AdaptiveSqsClient(credentials, config, options.Value);
    });

    /// <summary>The queue's region: configured, else read from an AWS queue URL, else AWS_REGION, else us-east-1.</summary>
    public static string RegionOf(string queueUrl, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var host = Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) ? uri.Host.Split('.') : [];
        if (host is ["sqs", var region, "amazonaws", ..]) return region;
        if (host is [var legacy, "queue", "amazonaws", ..]) return legacy;
        return Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } env ? env
            : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback : "us-east-1";
    }

    /// <summary>FIFO queues need a group and a deduplication id on every send; standard queues refuse both.</summary>
    public static bool IsFifo(string queueUrl) => queueUrl.EndsWith(".fifo", StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var client in clients.Values) client.Dispose();
    }
}
