namespace Provisioner.Worker.Stages.Verify;

/// <summary>The environment does not match its plan; every difference is listed, exactly.</summary>
public sealed class VerificationFailedException(IReadOnlyList<string> differences)
    : Exception("verification failed: " + string.Join("; ", differences))
{
    public IReadOnlyList<string> Differences { get; } = differences;
}
