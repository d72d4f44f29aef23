namespace Provisioner.Worker.Helm;

/// <summary>
/// The one place that reads helm's stderr and decides what a failure means. Helm has no error codes, so these are the
/// message fragments of Helm 3.18 and 4.1 (checked against the real binaries); rendering and validation win over the
/// network fragments because a template error may quote anything.
/// </summary>
public static class HelmErrors
{
    private static readonly string[] TerminalFragments =
    [
        "execution error at", "executing \"", "parse error", "yaml:", "error converting yaml", "unable to build kubernetes objects",
        "values don't meet the specifications", "validation failed", "is invalid", "unknown flag", "invalid argument",
        "is forbidden", "unauthorized", "invalid ownership metadata", "cannot be imported into the current release",
        "field is immutable", "no configuration has been provided",
        // helm already waited out --timeout and undid its own attempt: trying again waits the whole timeout for the same end.
        "rolled back due to", "uninstalled due to",
    ];

    private static readonly string[] NotFoundFragments = ["release: not found", "release not found"];

    private static readonly string[] RetryableFragments =
    [
        "connection refused", "connection reset", "i/o timeout", "tls handshake timeout", "context deadline exceeded",
        "timed out", "client connection lost", "unexpected eof", "no such host", "server is currently unable to handle the request",
        "internal error occurred", "service unavailable", "bad gateway", "gateway timeout", "too many requests",
        "etcdserver:", "the object has been modified", "another operation (install/upgrade/rollback) is in progress",
    ];

    public static HelmErrorKind Classify(string? error)
    {
        if (string.IsNullOrWhiteSpace(error)) return HelmErrorKind.Terminal;
        if (Contains(error, TerminalFragments)) return HelmErrorKind.Terminal;
        if (Contains(error, NotFoundFragments)) return HelmErrorKind.NotFound;
        return Contains(error, RetryableFragments) ? HelmErrorKind.Retryable : HelmErrorKind.Terminal;
    }

    private static bool Contains(string error, string[] fragments) =>
        fragments.Any(f => error.Contains(f, StringComparison.OrdinalIgnoreCase));
}
