namespace Provisioner.Worker.Runs;

/// <summary>A deprovision request that waits for the run (or rotation) in progress to end.</summary>
public sealed record PendingDeprovision(Guid RequestId, bool DeleteData);
