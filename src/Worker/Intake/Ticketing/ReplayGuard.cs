using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>
/// Remembers the signed (time, body) pairs seen within the allowed skew, in the saga store: a captured request sent again
/// in that window — to this replica or another, before or after a restart, however its header is reformatted — is
/// refused. Older ones need no memory (their time alone refuses them), so each row is deleted once it has expired.
/// </summary>
public sealed class ReplayGuard(ISagaDatabase database, TimeProvider clock)
{
    /// <returns>False when this content was already used.</returns>
    public async Task<bool> TryUseAsync(string signedContent, TimeSpan window, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + window + window; // the signature's time may be up to a window ahead
        await using var connection = await database.OpenAsync(ct);
        await SagaWritesSql.ExecuteAsync(connection, null, "DELETE FROM provisioning_webhook_replays WHERE expires_at < @now", ct,
            ("@now", now.ToUniversalTime().ToString("O")));
        return await SagaWritesSql.ExecuteAsync(connection, null, """
            INSERT INTO provisioning_webhook_replays (signed_content, expires_at) VALUES (@content, @expires)
            ON CONFLICT (signed_content) DO NOTHING
            """, ct, ("@content", signedContent), ("@expires", expires.ToUniversalTime().ToString("O"))) == 1;
    }
}
