namespace Provisioner.Worker.Helm;

/// <summary>A helm command that exited non-zero, already classified from its stderr.</summary>
public sealed class HelmException(string command, int exitCode, string error)
    : Exception($"helm {command} failed (exit {exitCode}): {error}")
{
    public string Command { get; } = command;
    public int ExitCode { get; } = exitCode;
    public string Error { get; } = error;
    public HelmErrorKind Kind { get; } = HelmErrors.Classify(error);

    public static bool IsRetryable(Exception ex) => ex is HelmException { Kind: HelmErrorKind.Retryable };
}
