using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Options;
using Provisioner.FaultProxy;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws;

[Collection("moto")]
public sealed class AwsClientsTests(MotoServer moto)
{
    private const string Region = "us-east-2";

    [Fact]
    public async Task S3_BurstOverTheProxysRateLimit_AllSucceedAndTheRateSettlesNearTheLimit()
    {
        const double limit = 10;
        await using var proxy = await StartProxyAsync(FaultProfile.None.WithLimit(new RateLimit("s3", limit, limit)));
        using var aws = Clients(proxy, moto.Options);
        var s3 = aws.S3(Region);
        var done = new ThrottledBurst();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var bucket = $"burst-{Guid.NewGuid():N}"[..30];
            await done.TimeAsync(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = Region }));
            await done.TimeAsync(() => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
            {
                BucketName = bucket, TagSet = [new Amazon.S3.Model.Tag { Key = "k", Value = "v" }],
            }));
            await done.TimeAsync(() => s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }));
        }));
        var counts = proxy.Counts.Snapshot().Of("s3");

        Assert.Equal(60, counts.Requests - counts.Throttled);
        // The SDK's own limiter cuts its rate at every throttled answer of a burst and climbs back slowly: it settles
        // around half the limit here (our IAM limiter, which cuts once per burst, reaches the limit); above, at most
        // the limit plus the burst the proxy saved up while the client held back.
        Assert.InRange(done.SettledRate(last: 30), 0.3 * limit, 1.5 * limit);
        Assert.True(counts.Throttled > 0, "the burst should have met the limit");
    }

    [Fact]
    public async Task S3_ThrottledUntilTheCallerGivesUp_ThrowsCancelledNotSlowDown()
    {
        await using var proxy = await StartProxyAsync(FaultProfile.None.WithLimit(new RateLimit("s3", 0.01, 1)));
        using var aws = Clients(proxy, moto.Options with { MaxAttempts = 1 });
        var s3 = aws.S3(Region);
        await s3.ListBucketsAsync(new ListBucketsRequest());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s3.ListBucketsAsync(new ListBucketsRequest(), deadline.Token));

        // MaxAttempts 1: in standard mode the first SlowDown would have been thrown (see the next test).
        Assert.True(proxy.Counts.Snapshot().Of("s3").Throttled >= 1);
    }

    [Theory]
    [InlineData(RequestRetryMode.Standard, 0.0)]
    [InlineData(RequestRetryMode.Adaptive, 0.0)]
    public async Task S3_StandardModeOrNoThrottlingTimeout_SurfacesSlowDown(RequestRetryMode mode, double timeoutSeconds)
    {
        await using var proxy = await StartProxyAsync(FaultProfile.None.WithLimit(new RateLimit("s3", 0.01, 1)));
        var options = moto.Options with { MaxAttempts = 2, RetryMode = mode, ThrottlingTimeout = TimeSpan.FromSeconds(timeoutSeconds) };
        using var aws = Clients(proxy, options);
        var s3 = aws.S3(Region);
        await s3.ListBucketsAsync(new ListBucketsRequest());

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));

        Assert.Equal(("SlowDown", HttpStatusCode.ServiceUnavailable), (error.ErrorCode, error.StatusCode));
        Assert.Equal(mode == RequestRetryMode.Standard ? 2 : 1, proxy.Counts.Snapshot().Of("s3").Throttled);
    }

    [Fact]
    public async Task Sts_ThrottledMoreOftenThanMaxAttempts_RetriesUntilAnswered()
    {
        await using var proxy = await StartProxyAsync(FaultProfile.None.WithLimit(new RateLimit("sts", 1, 1)));
        using var aws = Clients(proxy, moto.Options with { MaxAttempts = 1 });
        var sts = aws.Sts(Region);

        var identities = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())));

        Assert.All(identities, identity => Assert.Equal(MotoServer.AccountId, identity.Account));
        Assert.True(proxy.Counts.Snapshot().Of("sts").Throttled >= 1);
    }

    private Task<FaultProxy.FaultProxy> StartProxyAsync(FaultProfile profile) =>
        FaultProxy.FaultProxy.StartAsync(new FaultProxyOptions { Upstream = moto.Endpoint, Profile = profile });

    private AwsClients Clients(FaultProxy.FaultProxy proxy, AwsOptions options) =>
        new(Options.Create(options with { EndpointUrl = proxy.Endpoint.ToString() }), moto.Credentials);
}
