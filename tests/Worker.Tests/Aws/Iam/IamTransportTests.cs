using System.Net;
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

    public static TheoryData<Exception> TransportFailures() => new()
    {
        new HttpRequestException("Connection refused"),
        // What HttpClient throws when its own Timeout elapses.
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout",
            new TimeoutException()),
    };

    [Fact]
    public async Task SendAsync_ThrottledOnEveryAttempt_ThrowsRetryableAfterMaxAttempts()
    {
        var throttled = ScriptedHandler.Respond(HttpStatusCode.BadRequest, ScriptedHandler.IamError("Throttling"));
        var scripted = new ScriptedHandler(new HttpClientHandler(), throttled, throttled, throttled, throttled);
        using var http = SigningClient(scripted);
        using var iam = new IamClient(http, moto.Options with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            iam.Roles.GetRoleAsync("any", default));

        Assert.Equal(("Throttling", AwsErrorKind.Retryable, 3), (error.Code, error.Kind, scripted.Calls));
    }

    [Fact]
    public async Task SendAsync_NoSuchEntityFromMoto_IsNotRetried()
    {
        var scripted = new ScriptedHandler(new HttpClientHandler());
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
