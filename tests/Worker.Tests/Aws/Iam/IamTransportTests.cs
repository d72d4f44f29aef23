using System.Net;
using Amazon.Runtime;
using Provisioner.FaultProxy;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

[Collection("moto")]
public sealed class IamTransportTests(MotoServer moto)
{
    private static readonly Uri Unreachable = new("http://iam.invalid/");

    [Fact]
    public async Task SendAsync_FirstTwoAttemptsAnswer500_RetriesAndSucceeds()
    {
        var scripted = new ScriptedHandler(new HttpClientHandler(),
            ScriptedHandler.Respond(HttpStatusCode.InternalServerError, ScriptedHandler.IamError("InternalFailure")),
            ScriptedHandler.Respond(HttpStatusCode.InternalServerError, "<html>proxy error</html>"));
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 3 });

        var providers = await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default);

        Assert.NotNull(providers);
        Assert.Equal(3, scripted.Calls);
    }

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public async Task SendAsync_TransportFailsOnce_RetriesAndSucceeds(Exception failure)
    {
        var scripted = new ScriptedHandler(new HttpClientHandler(), ScriptedHandler.Throw(failure));
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options);

        await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default);

        Assert.Equal(2, scripted.Calls);
    }

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public async Task CreateAccessKey_AnswerLost_NotRepeatedSoNoSecondKey(Exception failure)
    {
        var user = $"transport-{Guid.NewGuid():N}"[..30];
        using var direct = moto.CreateIamClient();
        await direct.Users.CreateUserAsync(user, "/", null, new Dictionary<string, string>(), default);
        // The key is made, then the answer is lost on the way back: what a timeout after the server acted looks like.
        var scripted = new ScriptedHandler(new HttpClientHandler(), ScriptedHandler.ForwardThenThrow(failure));
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options);

        await Assert.ThrowsAnyAsync<Exception>(() => iam.Users.CreateAccessKeyAsync(user, default));

        Assert.Equal(1, scripted.Calls);
        Assert.Single(await direct.Users.ListAccessKeysAsync(user, default));
    }

    [Fact]
    public async Task CreateAccessKey_Throttled_RetriedBecauseThrottlingSaysNothingWasDone()
    {
        var user = $"throttle-{Guid.NewGuid():N}"[..30];
        using var direct = moto.CreateIamClient();
        await direct.Users.CreateUserAsync(user, "/", null, new Dictionary<string, string>(), default);
        var scripted = new ScriptedHandler(new HttpClientHandler(),
            ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling")));
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options);

        await iam.Users.CreateAccessKeyAsync(user, default);

        Assert.Equal(2, scripted.Calls);
        Assert.Single(await direct.Users.ListAccessKeysAsync(user, default));
    }

    public static TheoryData<Exception> TransportFailures() => new()
    {
        new HttpRequestException("Connection refused"),
        // What HttpClient throws when its own Timeout elapses.
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout",
            new TimeoutException()),
    };

    [Fact]
    public async Task SendAsync_StandardModeThrottledOnEveryAttempt_ThrowsRetryableAfterMaxAttempts()
    {
        var throttled = ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling"));
        var scripted = new ScriptedHandler(new HttpClientHandler(), throttled, throttled, throttled, throttled);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 3, RetryMode = RequestRetryMode.Standard });

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            iam.Roles.GetRoleAsync("any", default));

        Assert.Equal(("Throttling", AwsErrorKind.Retryable, 3), (error.Code, error.Kind, scripted.Calls));
    }

    [Fact]
    public async Task SendAsync_AdaptiveModeThrottledMoreOftenThanMaxAttempts_RetriesUntilAnswered()
    {
        var throttled = ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling"));
        var scripted = new ScriptedHandler(new HttpClientHandler(), throttled, throttled);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 1 });

        await iam.OpenIdConnectProviders.ListOpenIdConnectProvidersAsync(default);

        Assert.Equal(3, scripted.Calls);
        Assert.NotNull(iam.Transport.RateLimiter.SendingRate); // throttling turned the client's rate limiter on
    }

    [Fact]
    public async Task SendAsync_ThrottledUntilTheCallerGivesUp_ThrowsCancelled()
    {
        var throttled = ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling"));
        var scripted = new ScriptedHandler(new HttpClientHandler(), [.. Enumerable.Repeat(throttled, 50)]);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 1 });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => iam.Roles.GetRoleAsync("any", deadline.Token));

        // Past MaxAttempts, and slowly: the client's rate limiter holds each retry back.
        Assert.InRange(scripted.Calls, 2, 10);
    }

    [Fact]
    public async Task SendAsync_ThrottlingTimeoutZero_ThrowsThrottlingAtOnce()
    {
        var throttled = ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling"));
        var scripted = new ScriptedHandler(new HttpClientHandler(), throttled, throttled);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { ThrottlingTimeout = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<AwsException>(() => iam.Roles.GetRoleAsync("any", default));

        Assert.Equal(("Throttling", true, 1), (error.Code, error.IsThrottling, scripted.Calls));
    }

    [Fact]
    public async Task SendAsync_BurstOverTheProxysRateLimit_AllSucceedAndTheRateSettlesNearTheLimit()
    {
        const double limit = 10;
        await using var proxy = await FaultProxy.FaultProxy.StartAsync(new FaultProxyOptions
        {
            Upstream = moto.Endpoint,
            Profile = FaultProfile.None.WithLimit(new RateLimit("iam", limit, limit)),
        });
        using var iam = new IamClient(moto.Credentials, moto.Options with { EndpointUrl = proxy.Endpoint.ToString() });
        var done = new ThrottledBurst();

        // 20 callers at once, three calls each (create, read, delete): 60 requests where 10 per second pass.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var policy = await done.TimeAsync(() => iam.Policies.CreatePolicyAsync($"burst-{i}-{Guid.NewGuid():N}", "/",
                IamTestData.ReadOnlyBucketPolicy, null, new Dictionary<string, string>(), default));
            Assert.NotNull(await done.TimeAsync(() => iam.Policies.GetPolicyAsync(policy.Arn, default)));
            await done.TimeAsync(async () => { await iam.Policies.DeletePolicyAsync(policy.Arn, default); return true; });
        }));
        var counts = proxy.Counts.Snapshot().Of("iam");

        Assert.Equal(60, counts.Requests - counts.Throttled);
        // At most the limit plus its burst, saved up while the client held back.
        Assert.InRange(done.SettledRate(last: 30), 0.7 * limit, 1.5 * limit);
        Assert.True(counts.Throttled < 30, $"{counts.Throttled} throttled: the client should slow down, not hammer");
    }

    [Fact]
    public async Task SendAsync_NoSuchEntityFromMoto_IsNotRetried()
    {
        var scripted = new ScriptedHandler(new HttpClientHandler(), Array.Empty<Func<HttpResponseMessage>>());
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 5 });

        var error = await Assert.ThrowsAsync<AwsException>(() => iam.Roles.DeleteRoleAsync("no-such-role", default));

        Assert.Equal(("NoSuchEntity", AwsErrorKind.Terminal, 1), (error.Code, error.Kind, scripted.Calls));
    }

    [Theory]
    [InlineData(400, "Throttling", "Throttling", AwsErrorKind.Retryable)]
    [InlineData(503, "ServiceUnavailable", "ServiceUnavailable", AwsErrorKind.Retryable)]
    [InlineData(500, "ServiceFailure", "ServiceFailure", AwsErrorKind.Retryable)]
    [InlineData(409, "ConcurrentModification", "ConcurrentModification", AwsErrorKind.Retryable)]
    [InlineData(403, "AccessDenied", "AccessDenied", AwsErrorKind.Terminal)]
    [InlineData(400, "MalformedPolicyDocument", "MalformedPolicyDocument", AwsErrorKind.Terminal)]
    [InlineData(409, "EntityAlreadyExists", "EntityAlreadyExists", AwsErrorKind.Terminal)]
    [InlineData(409, "LimitExceeded", "LimitExceeded", AwsErrorKind.Terminal)]
    [InlineData(502, null, "BadGateway", AwsErrorKind.Retryable)]
    [InlineData(400, null, "BadRequest", AwsErrorKind.Terminal)]
    public async Task SendAsync_ErrorResponse_ClassifiedAndRetriedOnlyIfRetryable(int status, string? code,
        string expectedCode, AwsErrorKind expectedKind)
    {
        var answer = ScriptedHandler.Respond((HttpStatusCode)status,
            code is null ? "<html><body>upstream said no</body></html>" : ScriptedHandler.IamError(code));
        var scripted = new ScriptedHandler(new HttpClientHandler(), answer, answer);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, new AwsOptions
        {
            EndpointUrl = Unreachable.ToString(), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(1),
            RetryMode = RequestRetryMode.Standard,
        });

        var error = await Assert.ThrowsAsync<AwsException>(() => iam.Policies.DeletePolicyAsync("arn:x", default));

        Assert.Equal((expectedCode, expectedKind, (HttpStatusCode)status), (error.Code, error.Kind, error.Status));
        Assert.Equal(expectedKind == AwsErrorKind.Retryable ? 2 : 1, scripted.Calls);
        Assert.DoesNotContain("upstream said no", error.Message);
    }

    // The scripted handler sits under the signer, as a flaky network would: every attempt is signed afresh.
    private HttpClient SigningClient(ScriptedHandler scripted) =>
        new(IamClient.CreateSigningHandler(moto.Credentials, scripted));
}
