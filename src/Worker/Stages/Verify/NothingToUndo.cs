namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// The log type of verification, which creates nothing: it completes without a log, so Courier never compensates it.
/// It exists because every stage endpoint is defined the same way (<see cref="StageEndpointDefinition{TActivity,TArguments,TLog}"/>).
/// </summary>
public sealed record NothingToUndo;
