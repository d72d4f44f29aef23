namespace Provisioner.Worker.Runs;

/// <summary>
/// A request id the environment accepted, kept for good (not a window): a second message with the same id is a duplicate
/// and gets <paramref name="Outcome"/> again (the outcome event's JSON, of type <paramref name="OutcomeType"/>), never a new run.
/// </summary>
public sealed record RequestRecord(Guid RequestId, RunKind Kind, Guid RunId, DateTimeOffset AcceptedAt, string? OutcomeType = null,
    string? Outcome = null, DateTimeOffset? FinishedAt = null);
