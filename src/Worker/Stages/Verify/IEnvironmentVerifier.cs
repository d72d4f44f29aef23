using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Verify;

public interface IEnvironmentVerifier
{
    /// <exception cref="VerificationFailedException">Any difference between the environment and its plan.</exception>
    Task<VerificationReport> VerifyAsync(EnvironmentPlan plan, CancellationToken cancellationToken);
}
