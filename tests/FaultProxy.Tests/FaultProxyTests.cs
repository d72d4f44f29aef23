using System.Diagnostics;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.FaultProxy.Tests;

[Collection("moto")]
public sealed class FaultProxyTests(MotoServer moto)
{
    private const string FakeIamAuthorization =
        "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00";

    [Fact]
    public async Task ForwardAsync_LatencyProfile_HoldsEveryCallWithinItsRange()
    {
        var profile = FaultProfile.None with
        {
            Latency = new Dictionary<string, LatencyRange> { ["iam"] = new(150, 200), ["sts"] = new(60, 90) },
        };
        await using var proxy = await StartAsync(profile);
        using var iam = IamThrough(proxy);
        using var sts = StsThrough(proxy);
        await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default); // connections and JIT, not measured
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        var iamMs = await TimeEachAsync(8, () => iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default));
        var stsMs = await TimeEachAsync(8, () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        // The lower bound is exact (the answer is held back before it is forwarded); above, moto's own time and a
        // loaded machine add to the drawn delay, so the upper bound is checked on the median.
        Assert.All(iamMs, ms => Assert.True(ms >= 150, $"{ms:F0} ms"));
        Assert.All(stsMs, ms => Assert.True(ms >= 60, $"{ms:F0} ms"));
        Assert.InRange(iamMs.Order().ElementAt(4), 150, 200 + 150);
        Assert.InRange(stsMs.Order().ElementAt(4), 60, 90 + 150);
        Assert.True(iamMs.Max() - iamMs.Min() > 5, "delays are drawn from the range, not fixed");
    }

    [Fact]
    public async Task ForwardAsync_IamOverItsRate_IamClientSeesRetryableThrottling()
    {
        await using var proxy = await StartAsync(FaultProfile.None.WithLimit(new RateLimit("iam", 0.01, 1)));
        using var iam = IamThrough(proxy, moto.Options with { MaxAttempts = 1, ThrottlingTimeout = TimeSpan.Zero });
        await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default);

        var error = await Assert.ThrowsAsync<AwsException>(() => iam.Roles.GetRoleAsync("any", default));

        Assert.Equal(("Throttling", "Rate exceeded", HttpStatusCode.BadRequest, AwsErrorKind.Retryable),
            (error.Code, error.Message[(error.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..], error.Status, error.Kind));
        Assert.Equal((2, 1), (proxy.Counts.Snapshot().Of("iam").Requests, proxy.Counts.Snapshot().Of("iam").Throttled));
    }

    [Fact]
    public async Task ForwardAsync_StsOverItsRate_SdkSeesSenderThrottling()
    {
        await using var proxy = await StartAsync(FaultProfile.None.WithLimit(new RateLimit("sts", 0.01, 1)));
        using var sts = StsThrough(proxy);
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(("Throttling", HttpStatusCode.BadRequest, ErrorType.Sender, "Rate exceeded"), (error.ErrorCode, error.StatusCode, error.ErrorType, error.Message));
        Assert.Equal(AwsErrorKind.Retryable, AwsErrors.Classify(error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task ForwardAsync_S3OverItsRate_SdkSeesSlowDown()
    {
        await using var proxy = await StartAsync(FaultProfile.None.WithLimit(new RateLimit("s3", 0.01, 1)));
        using var s3 = S3Through(proxy);
        await s3.ListBucketsAsync(new ListBucketsRequest());

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket() }));

        Assert.Equal(("SlowDown", HttpStatusCode.ServiceUnavailable), (error.ErrorCode, error.StatusCode));
        Assert.Equal(AwsErrorKind.Retryable, AwsErrors.Classify(error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task ForwardAsync_ThrottledQueryCall_AnswersIamErrorResponseXml()
    {
        await using var proxy = await StartAsync(FaultProfile.None.WithLimit(new RateLimit("iam", 0.01, 1, "mutating")));
        using var http = new HttpClient { BaseAddress = proxy.Endpoint };

        using var read = await PostIamAsync(http, "ListRoles"); // reads are not in the mutating class
        using var first = await PostIamAsync(http, "CreateRole");
        using var second = await PostIamAsync(http, "DeleteRole");
        var error = XDocument.Parse(await second.Content.ReadAsStringAsync()).Root!;
        XNamespace ns = "https://iam.amazonaws.com/doc/2010-05-08/";

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (read.StatusCode, second.StatusCode));
        Assert.DoesNotContain("Throttling", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ns + "ErrorResponse", error.Name);
        Assert.Equal(("Sender", "Throttling", "Rate exceeded"),
            (error.Element(ns + "Error")!.Element(ns + "Type")!.Value, error.Element(ns + "Error")!.Element(ns + "Code")!.Value,
                error.Element(ns + "Error")!.Element(ns + "Message")!.Value));
        Assert.False(string.IsNullOrEmpty(error.Element(ns + "RequestId")?.Value));
    }

    [Fact]
    public async Task Counts_MixedCalls_CountedPerServiceAndCallUntilReset()
    {
        await using var proxy = await StartAsync(FaultProfile.None);
        using var s3 = S3Through(proxy);
        using var sts = StsThrough(proxy);
        using var iam = IamThrough(proxy);
        using var admin = new FaultProxyClient(proxy.Endpoint);
        var bucket = Bucket();

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Amazon.S3.Model.Tag { Key = "a", Value = "b" }] });
        await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await iam.Roles.GetRoleAsync($"missing-{Guid.NewGuid():N}", default);
        await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default);
        using (var http = new HttpClient())
        using (await http.GetAsync(new Uri(proxy.Endpoint, "/moto-api/"))) { }
        var counts = await admin.CountsAsync();
        await admin.ResetCountsAsync();

        Assert.Equal((3, 1, 1, 1), (counts.Of("s3").Requests, counts.Of("s3").Of("PutBucketTagging").Requests,
            counts.Of("s3").Of("GetBucketTagging").Requests, counts.Of("s3").Of("CreateBucket").Requests));
        Assert.Equal((1, 1, 1), (counts.Of("sts").Of("GetCallerIdentity").Requests, counts.Of("iam").Of("GetRole").Requests,
            counts.Of("iam").Of("ListOpenIDConnectProviders").Requests));
        Assert.Equal((6, 0), (counts.Requests, counts.Throttled));
        Assert.Equal(0, (await admin.CountsAsync()).Requests);
    }

    [Fact]
    public async Task SetProfileAsync_OverHttp_ReplacesTheProfileInForce()
    {
        await using var proxy = await StartAsync(FaultProfile.None);
        using var admin = new FaultProxyClient(proxy.Endpoint);
        var profile = FaultProfile.Realistic.WithLimit(new RateLimit("iam", 3, 6, "mutating")) with { Seed = 5 };

        await admin.SetProfileAsync(profile);

        Assert.Equal(profile.Limits, proxy.Profile.Limits);
        Assert.Equal(profile.Latency.OrderBy(p => p.Key), proxy.Profile.Latency.OrderBy(p => p.Key));
        Assert.Equal(5, proxy.Profile.Seed);
    }

    private Task<FaultProxy> StartAsync(FaultProfile profile) =>
        FaultProxy.StartAsync(new FaultProxyOptions { Upstream = moto.Endpoint, Profile = profile });

    private IamClient IamThrough(FaultProxy proxy, AwsOptions? options = null) =>
        new(moto.Credentials, (options ?? moto.Options) with { EndpointUrl = proxy.Endpoint.ToString() });

    private AmazonSecurityTokenServiceClient StsThrough(FaultProxy proxy) => new(moto.Credentials,
        new AmazonSecurityTokenServiceConfig { ServiceURL = proxy.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private AmazonS3Client S3Through(FaultProxy proxy) => new(moto.Credentials,
        new AmazonS3Config { ServiceURL = proxy.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private static string Bucket() => $"fault-proxy-{Guid.NewGuid():N}"[..40];

    private static async Task<List<double>> TimeEachAsync(int count, Func<Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static Task<HttpResponseMessage> PostIamAsync(HttpClient http, string action)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent($"Action={action}&Version=2010-05-08&RoleName=r-{Guid.NewGuid():N}&AssumeRolePolicyDocument=%7B%7D",
                Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", FakeIamAuthorization);
        return http.SendAsync(request);
    }
}
