using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class FakeVerifier(CallLog log) : IEnvironmentVerifier
{
    public IReadOnlyList<string>? Differences { get; set; }

    public Task<VerificationReport> VerifyAsync(EnvironmentPlan plan, CancellationToken cancellationToken)
    {
        log.Add("verify");
        if (Differences is { } differences) throw new VerificationFailedException(differences);
        return Task.FromResult(new VerificationReport(["trust policy"], "skipped: test"));
    }
}
