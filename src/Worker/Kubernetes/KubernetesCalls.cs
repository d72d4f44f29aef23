using k8s;
using k8s.Autorest;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Kubernetes;

/// <summary>
/// Every API call goes through here: one time limit per attempt, bounded retries for retryable answers, and errors
/// turned into <see cref="KubernetesApiException"/> so nothing above sees KubernetesClient's exception (it holds the
/// bearer token).
/// </summary>
public sealed class KubernetesCalls(KubernetesClientFactory clients, BoundedRetry retry, TimeSpan? requestTimeout = null)
{
    private readonly TimeSpan timeout = requestTimeout ?? new KubernetesOptions().RequestTimeout;

    public IKubernetes Client => clients.Client;

    public Task<T> RunAsync<T>(string operation, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken ct) =>
        retry.ExecuteAsync(async token =>
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            attempt.CancelAfter(timeout);
            try
            {
                return await call(clients.Client, attempt.Token).ConfigureAwait(false);
            }
            catch (HttpOperationException ex)
            {
                throw KubernetesErrors.Translate(ex, operation);
            }
            catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
            {
                // KubernetesClient reports its own time limit as a bare cancellation, not a TimeoutException.
                throw new TimeoutException($"Kubernetes {operation} did not answer within {timeout}", ex);
            }
        }, KubernetesErrors.IsRetryable, ct);

    /// <summary>A read where 404 means "absent", not an error.</summary>
    public async Task<T?> ReadAsync<T>(string operation, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken ct)
        where T : class
    {
        try
        {
            return await RunAsync(operation, call, ct).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.Kind == KubernetesErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>A delete where 404 means "already gone": done.</summary>
    public async Task<bool> DeleteAsync<T>(string operation, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            await RunAsync(operation, call, ct).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.Kind == KubernetesErrorKind.NotFound)
        {
            return false;
        }
    }
}
