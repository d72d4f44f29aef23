namespace Provisioner.Worker.Recovery;

/// <summary>The run made no progress in its allowed attempts: terminal, so Courier compensates what it made.</summary>
public sealed class RunAbandonedException(string message) : Exception(message);
