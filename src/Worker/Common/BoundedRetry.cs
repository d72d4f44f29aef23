namespace Provisioner.Worker.Common;

/// <summary>Exponential backoff with full jitter and a hard attempt limit; never a fixed sleep, never forever.</summary>
public sealed record BoundedRetry(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static readonly BoundedRetry None = new(1, TimeSpan.Zero, TimeSpan.Zero);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, Func<Exception, bool> isRetryable,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < MaxAttempts && isRetryable(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(DelayFor(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> action, Func<Exception, bool> isRetryable,
        CancellationToken cancellationToken) =>
        ExecuteAsync(async ct => { await action(ct).ConfigureAwait(false); return true; }, isRetryable, cancellationToken);

    public TimeSpan DelayFor(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
