namespace Provisioner.Worker.SagaStore;

/// <summary>
/// The saga store's tables, in SQL both SQLite and PostgreSQL accept (<c>{Serial}</c> is each database's auto-numbered
/// key). One saga row per environment; beside it what must be written in the same transaction as the saga: every request
/// id ever accepted with its outcome, the intent records of resources being created or updated, and the outbox. Apart
/// from the sagas: when each environment's next drift check is due and which replica holds it, and the webhook
/// signatures already used, shared by every replica, each kept only until its time is stale.
/// </summary>
public static class SagaSchema
{
    public const string Serial = "{Serial}";

    public const string Sql = """
        CREATE TABLE IF NOT EXISTS provisioning_sagas (
            correlation_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            environment TEXT NOT NULL,
            request_id TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_provisioning_sagas_state ON provisioning_sagas (state);
        CREATE TABLE IF NOT EXISTS provisioning_requests (
            correlation_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            run_id TEXT NOT NULL,
            accepted_at TEXT NOT NULL,
            outcome_type TEXT NULL,
            outcome TEXT NULL,
            finished_at TEXT NULL,
            PRIMARY KEY (correlation_id, request_id));
        CREATE TABLE IF NOT EXISTS provisioning_intents (
            run_id TEXT NOT NULL,
            stage TEXT NOT NULL,
            name TEXT NOT NULL,
            environment TEXT NOT NULL,
            action TEXT NOT NULL,
            before_state TEXT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (run_id, stage, name));
        CREATE INDEX IF NOT EXISTS ix_provisioning_intents_resource ON provisioning_intents (environment, stage, name);
        CREATE TABLE IF NOT EXISTS provisioning_outbox (
            id {Serial},
            stream TEXT NOT NULL,
            destination TEXT NOT NULL,
            environment TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            target TEXT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL,
            lease_owner TEXT NULL,
            lease_until TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_provisioning_outbox_stream ON provisioning_outbox (stream, id);
        CREATE TABLE IF NOT EXISTS provisioning_drift_checks (
            correlation_id TEXT PRIMARY KEY,
            next_due TEXT NOT NULL,
            lease_owner TEXT NULL,
            lease_until TEXT NULL,
            last_checked TEXT NULL);
        CREATE TABLE IF NOT EXISTS provisioning_webhook_replays (
            signed_content TEXT PRIMARY KEY,
            expires_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_provisioning_webhook_replays_expiry ON provisioning_webhook_replays (expires_at);
        """;

    public static string For(ISagaDatabase database) => Sql.Replace(Serial, database.SerialPrimaryKey, StringComparison.Ordinal);
}
