namespace Provisioner.Worker.Stages.Verify;

/// <summary>What was checked, and how the active probe went (<c>passed</c> or <c>skipped: why</c>).</summary>
public sealed record VerificationReport(IReadOnlyList<string> Checks, string Probe);
