namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>How a run of the worker program ended, with everything it wrote.</summary>
public sealed record WorkerResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>For assertion messages: a failed end-to-end run is only diagnosable from the child's own words.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
