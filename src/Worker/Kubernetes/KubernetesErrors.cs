using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Provisioner.Worker.Kubernetes;

/// <summary>The one place that decides what an API server answer means (as ACK keeps its list of terminal codes).</summary>
public static class KubernetesErrors
{
    /// <summary>Status reasons that decide on their own; the HTTP status decides the rest.</summary>
    private static readonly Dictionary<string, KubernetesErrorKind> ByReason = new(StringComparer.Ordinal)
    {
        ["NotFound"] = KubernetesErrorKind.NotFound,
        ["AlreadyExists"] = KubernetesErrorKind.AlreadyExists,
        ["Conflict"] = KubernetesErrorKind.Conflict,
        ["Invalid"] = KubernetesErrorKind.Terminal,
        ["Forbidden"] = KubernetesErrorKind.Terminal,
        ["Unauthorized"] = KubernetesErrorKind.Terminal,
        ["BadRequest"] = KubernetesErrorKind.Terminal,
        ["MethodNotAllowed"] = KubernetesErrorKind.Terminal,
        ["UnsupportedMediaType"] = KubernetesErrorKind.Terminal,
        ["RequestEntityTooLarge"] = KubernetesErrorKind.Terminal,
        ["TooManyRequests"] = KubernetesErrorKind.Retryable,
        ["ServerTimeout"] = KubernetesErrorKind.Retryable,
        ["Timeout"] = KubernetesErrorKind.Retryable,
        ["InternalError"] = KubernetesErrorKind.Retryable,
        ["ServiceUnavailable"] = KubernetesErrorKind.Retryable,
    };

    public static KubernetesErrorKind Classify(int statusCode, string? reason)
    {
        if (reason is not null && ByReason.TryGetValue(reason, out var kind)) return kind;
        return statusCode switch
        {
            404 => KubernetesErrorKind.NotFound,
            409 => KubernetesErrorKind.Conflict,
            429 or >= 500 => KubernetesErrorKind.Retryable,
            _ => KubernetesErrorKind.Terminal,
        };
    }

    public static KubernetesErrorKind Classify(Exception exception) => exception switch
    {
        KubernetesApiException k => k.Kind,
        k8s.KubernetesException { Status: { } status } => Classify(status.Code ?? 0, status.Reason),
        HttpOperationException { Response: { } response } => Classify((int)response.StatusCode, StatusOf(response.Content)?.Reason),
        HttpRequestException or IOException or TimeoutException => KubernetesErrorKind.Retryable,
        // HttpClient's own timeout (KubernetesCalls turns KubernetesClient's bare cancellations into TimeoutException).
        TaskCanceledException { InnerException: TimeoutException } => KubernetesErrorKind.Retryable,
        _ => KubernetesErrorKind.Terminal,
    };

    public static bool IsRetryable(Exception exception) => Classify(exception) == KubernetesErrorKind.Retryable;

    public static bool IsNotFound(Exception exception) => Classify(exception) == KubernetesErrorKind.NotFound;

    /// <summary>Keeps what the server said and drops the request (and with it the Authorization header).</summary>
    public static KubernetesApiException Translate(HttpOperationException exception, string operation)
    {
        var statusCode = (int?)exception.Response?.StatusCode ?? 0;
        var status = StatusOf(exception.Response?.Content);
        var detail = status?.Message ?? exception.Response?.ReasonPhrase ?? "no Status in the answer";
        return new KubernetesApiException(operation, statusCode, status?.Reason, detail);
    }

    private static V1Status? StatusOf(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
