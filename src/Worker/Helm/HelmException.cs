namespace Provisioner.Worker.Helm;

/// <summary>
/// A helm command that failed, classified from its whole stderr. The message becomes the stage's failure reason, which
/// requesters see (status, events, the outlet, ticket callbacks), so it carries only <see cref="Reason"/>;
/// <see cref="Stderr"/> may hold whatever a chart's template printed and is for classification and the Debug log only.
/// </summary>
public sealed class HelmException : Exception
{
    /// <summary>A failure helm reported on stderr.</summary>
    public HelmException(string command, int exitCode, string stderr)
        : this(command, exitCode, stderr, HelmFailureReason.From(stderr))
    {
    }

    private HelmException(string command, int exitCode, string stderr, string reason)
        : base($"helm {command} failed (exit {exitCode}): {reason}")
    {
        Command = command;
        ExitCode = exitCode;
        Stderr = stderr;
        Reason = reason;
        Kind = HelmErrors.Classify(stderr);
    }

    public string Command { get; }
    public int ExitCode { get; }

    /// <summary>What a requester may see: helm's error line, a template error's location without its message.</summary>
    public string Reason { get; }

    /// <summary>Everything helm printed on stderr. Never into a reason, an event or a log above Debug.</summary>
    public string Stderr { get; }

    public HelmErrorKind Kind { get; }

    /// <summary>A failure the worker words itself (helm missing, an unsupported version): its text is the reason.</summary>
    public static HelmException Own(string command, int exitCode, string reason) => new(command, exitCode, reason, reason);

    public static bool IsRetryable(Exception ex) => ex is HelmException { Kind: HelmErrorKind.Retryable };
}
