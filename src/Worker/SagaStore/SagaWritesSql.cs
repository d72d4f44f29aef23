using System.Data.Common;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.SagaStore;

/// <summary>The SQL of what is written beside a saga row (<see cref="SagaWrites"/>), and the parameter helper they share.</summary>
internal static class SagaWritesSql
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, Guid correlationId, SagaWrites writes,
        DateTimeOffset now, CancellationToken ct)
    {
        foreach (var request in writes.Requests)
            await ExecuteAsync(connection, transaction, """
                INSERT INTO provisioning_requests (correlation_id, request_id, kind, run_id, accepted_at, outcome_type, outcome, finished_at)
                VALUES (@correlation, @request, @kind, @run, @accepted, @outcomeType, @outcome, @finished)
                ON CONFLICT (correlation_id, request_id) DO UPDATE SET
                    outcome_type = excluded.outcome_type, outcome = excluded.outcome, finished_at = excluded.finished_at
                """, ct, ("@correlation", correlationId.ToString()), ("@request", request.RequestId.ToString()),
                ("@kind", request.Kind.ToString()), ("@run", request.RunId.ToString()), ("@accepted", request.AcceptedAt.ToString("O")),
                ("@outcomeType", request.OutcomeType), ("@outcome", request.Outcome), ("@finished", request.FinishedAt?.ToString("O")));
        foreach (var row in writes.Outbox)
            await OutboxSql.InsertAsync(connection, transaction, row, now, ct);
        foreach (var run in writes.ForgetIntentsOf)
            await ExecuteAsync(connection, transaction, "DELETE FROM provisioning_intents WHERE run_id = @run", ct, ("@run", run.ToString()));
    }

    public static async Task<RequestRecord?> FindRequestAsync(DbConnection connection, Guid correlationId, Guid requestId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT kind, run_id, accepted_at, outcome_type, outcome, finished_at FROM provisioning_requests
            WHERE correlation_id = @correlation AND request_id = @request
            """;
        Add(command, "@correlation", correlationId.ToString());
        Add(command, "@request", requestId.ToString());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new RequestRecord(requestId, Enum.Parse<RunKind>(reader.GetString(0)), Guid.Parse(reader.GetString(1)),
            DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
