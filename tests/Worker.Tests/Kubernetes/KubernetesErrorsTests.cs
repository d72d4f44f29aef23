using System.Net;
using k8s.Autorest;
using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class KubernetesErrorsTests
{
    [Theory]
    [InlineData(404, "NotFound", KubernetesErrorKind.NotFound)]
    [InlineData(409, "AlreadyExists", KubernetesErrorKind.AlreadyExists)]
    [InlineData(409, "Conflict", KubernetesErrorKind.Conflict)]
    [InlineData(409, null, KubernetesErrorKind.Conflict)]
    [InlineData(422, "Invalid", KubernetesErrorKind.Terminal)]
    [InlineData(403, "Forbidden", KubernetesErrorKind.Terminal)]
    [InlineData(401, "Unauthorized", KubernetesErrorKind.Terminal)]
    [InlineData(400, "BadRequest", KubernetesErrorKind.Terminal)]
    [InlineData(415, "UnsupportedMediaType", KubernetesErrorKind.Terminal)]
    [InlineData(429, "TooManyRequests", KubernetesErrorKind.Retryable)]
    [InlineData(500, "InternalError", KubernetesErrorKind.Retryable)]
    [InlineData(503, "ServiceUnavailable", KubernetesErrorKind.Retryable)]
    [InlineData(504, "Timeout", KubernetesErrorKind.Retryable)]
    [InlineData(500, "ServerTimeout", KubernetesErrorKind.Retryable)]
    [InlineData(502, null, KubernetesErrorKind.Retryable)]
    [InlineData(418, null, KubernetesErrorKind.Terminal)]
    public void Classify_StatusAndReason_GivesKind(int status, string? reason, KubernetesErrorKind expected) =>
        Assert.Equal(expected, KubernetesErrors.Classify(status, reason));

    public static TheoryData<Exception, KubernetesErrorKind> Exceptions => new()
    {
        { new HttpRequestException("connection refused"), KubernetesErrorKind.Retryable },
        { new IOException("reset"), KubernetesErrorKind.Retryable },
        { new TaskCanceledException("HttpClient.Timeout", new TimeoutException()), KubernetesErrorKind.Retryable },
        { new TaskCanceledException("cancelled by the caller"), KubernetesErrorKind.Terminal },
        { new InvalidOperationException(), KubernetesErrorKind.Terminal },
        { new KubernetesApiException("create", 409, "AlreadyExists", "x"), KubernetesErrorKind.AlreadyExists },
        { OperationFailure(HttpStatusCode.Conflict, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"AlreadyExists","code":409}"""), KubernetesErrorKind.AlreadyExists },
        { OperationFailure(HttpStatusCode.Conflict, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409}"""), KubernetesErrorKind.Conflict },
        { OperationFailure(HttpStatusCode.BadGateway, "<html>proxy error</html>"), KubernetesErrorKind.Retryable },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Classify_Exception_GivesKind(Exception exception, KubernetesErrorKind expected) =>
        Assert.Equal(expected, KubernetesErrors.Classify(exception));

    [Fact]
    public void Translate_FailureWithBearerToken_KeepsStatusAndDropsTheRequest()
    {
        var failure = OperationFailure(HttpStatusCode.UnprocessableEntity,
            """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"ServiceAccount \"X\" is invalid","reason":"Invalid","code":422}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://cluster/api/v1/namespaces/a/serviceaccounts");
        request.Headers.Add("Authorization", "Bearer top-secret");
        failure.Request = new HttpRequestMessageWrapper(request, "{}");

        var translated = KubernetesErrors.Translate(failure, "create serviceaccount a/X");

        Assert.Equal((422, "Invalid", KubernetesErrorKind.Terminal), (translated.StatusCode, translated.Reason, translated.Kind));
        Assert.Equal("Kubernetes create serviceaccount a/X failed with 422 Invalid: ServiceAccount \"X\" is invalid", translated.Message);
        Assert.DoesNotContain("top-secret", translated.ToString(), StringComparison.Ordinal);
        Assert.Null(translated.InnerException);
    }

    private static HttpOperationException OperationFailure(HttpStatusCode status, string content)
    {
        using var response = new HttpResponseMessage(status);
        return new HttpOperationException("failed") { Response = new HttpResponseMessageWrapper(response, content) };
    }
}
