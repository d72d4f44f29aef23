using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Provisioner.Worker.Aws.Adaptive;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Aws.Iam;

/// <summary>
/// Sends IAM queries through a signing HttpClient and retries what <see cref="AwsErrors"/> calls retryable: throttling
/// (adaptive mode) until the caller's token ends, paced by the client's <see cref="ClientRateLimiter"/>; anything else
/// up to <see cref="AwsOptions.MaxAttempts"/>.
/// </summary>
internal sealed class IamTransport(HttpClient http, Uri endpoint, AwsOptions options)
{
    private readonly BoundedRetry backoff = new(Math.Max(1, options.MaxAttempts), options.InitialBackoff, options.MaxBackoff);
    private readonly bool adaptive = options.RetryMode == RequestRetryMode.Adaptive;

    public HttpClient Http { get; } = http;

    public Uri Endpoint { get; } = endpoint;

    /// <summary>This client's sending rate: one per client, as the SDKs keep one per client.</summary>
    public ClientRateLimiter RateLimiter { get; } = new();

    /// <summary>MaxItems per list page; null leaves IAM's default (100). Tests lower it to exercise paging.</summary>
    internal int? PageSize { get; set; }

    /// <param name="idempotent">
    /// False for a call that must not be repeated blindly (CreateAccessKey): only throttling, an answer that says the call
    /// was not carried out, is retried; after a lost answer or a server error the call may have happened, and the caller decides.
    /// </param>
    public async Task<XElement> SendAsync(IamQuery query, CancellationToken cancellationToken, bool idempotent = true)
    {
        var otherFailures = 0;
        long? throttledSince = null;
        while (true)
        {
            var sentAt = adaptive ? await RateLimiter.AcquireAsync(cancellationToken).ConfigureAwait(false) : 0;
            try
            {
                var result = await SendOnceAsync(query, cancellationToken).ConfigureAwait(false);
                if (adaptive) RateLimiter.OnResponse(throttled: false, sentAt);
                return result;
            }
            catch (AwsException ex) when (adaptive && !IsRetryable(ex))
            {
                // An answer all the same (NoSuchEntity to an observe is the common one): the rate may climb.
                RateLimiter.OnResponse(throttled: false, sentAt);
                throw;
            }
            catch (Exception ex) when (IsRetryable(ex) && !cancellationToken.IsCancellationRequested
                                       && (idempotent || ex is AwsException { IsThrottling: true }))
            {
                var throttled = adaptive && ex is AwsException { IsThrottling: true };
                if (adaptive) RateLimiter.OnResponse(throttled, sentAt);
                if (throttled)
                {
                    throttledSince ??= TimeProvider.System.GetTimestamp();
                    if (TimeProvider.System.GetElapsedTime(throttledSince.Value) >= options.ThrottlingTimeout) throw;
                    // A short pause, not a growing one: the rate limiter paces the retry, and a long sleep would leave
                    // tokens unspent.
                    Telemetry.ProvisionerMetrics.AwsRetried("iam", throttled: true);
                    await Task.Delay(backoff.DelayFor(1), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (++otherFailures >= backoff.MaxAttempts) throw;
                    Telemetry.ProvisionerMetrics.AwsRetried("iam", ex is AwsException { IsThrottling: true });
                    await Task.Delay(backoff.DelayFor(otherFailures), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>For Get* calls: a missing entity is an answer, not an error.</summary>
    public async Task<XElement?> SendOrNullAsync(IamQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    /// <summary>Follows <c>IsTruncated</c>/<c>Marker</c> until the list is complete.</summary>
    public async Task<IReadOnlyList<T>> ListAllAsync<T>(IamQuery query, string listName, Func<XElement, T> read,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? marker = null;
        do
        {
            var result = await SendAsync(Page(query, marker), cancellationToken).ConfigureAwait(false);
            items.AddRange(result.Members(listName).Select(read));
            marker = result.IsTruncated() ? result.Text("Marker") : null;
        }
        while (marker is not null);
        return items;
    }

    private IamQuery Page(IamQuery query, string? marker) =>
        query.Add("MaxItems", PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Add("Marker", marker);

    internal static bool IsRetryable(Exception ex) => ex switch
    {
        AwsException aws => aws.Kind == AwsErrorKind.Retryable,
        HttpRequestException => true,
        // HttpClient reports its own timeout as a cancellation; BoundedRetry already stops on the caller's token.
        TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    private async Task<XElement> SendOnceAsync(IamQuery query, CancellationToken cancellationToken)
    {
        // A fresh content per attempt: the signing handler hashes the body and stamps the date on every send.
        using var content = new ByteArrayContent(query.ToFormBody());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        using var response = await Http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw IamXml.ToException(body, response.StatusCode);
        try
        {
            return IamXml.Result(body, query.Action);
        }
        catch (XmlException ex)
        {
            throw new AwsException("iam", "MalformedResponse", $"{query.Action}: {ex.Message}", response.StatusCode);
        }
    }
}
