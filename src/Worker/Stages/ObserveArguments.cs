namespace Provisioner.Worker.Stages;

/// <summary>
/// A stage of a run being failed: observe only, so Courier has a log to compensate. The stage where the run stalled
/// carries <see cref="AbandonReason"/>: it removes what this request made there, then fails the run.
/// </summary>
public sealed record ObserveArguments<TPlan>(Guid RequestId, string Environment, TPlan Plan, string? AbandonReason)
    where TPlan : class;
