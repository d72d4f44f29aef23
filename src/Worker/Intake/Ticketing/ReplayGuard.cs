using System.Collections.Concurrent;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>
/// Remembers the signed (time, body) pairs seen within the allowed skew: a captured request sent again in that
/// window, however its header is reformatted, is refused. Older ones need no memory: their time alone refuses them.
/// </summary>
public sealed class ReplayGuard(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    /// <returns>False when this content was already used.</returns>
    public bool TryUse(string signedContent, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (seen.Count > 1000)
            foreach (var (key, expiry) in seen)
                if (expiry < now) seen.TryRemove(key, out _);
        var expires = now + window + window; // the signature's time may be up to a window ahead
        return seen.TryAdd(signedContent, expires)
            || (seen.TryGetValue(signedContent, out var old) && old < now && seen.TryUpdate(signedContent, expires, old));
    }
}
