using Provisioner.Contracts;

namespace Provisioner.Worker.Cli;

/// <summary>
/// <c>rotate-key ENVIRONMENT</c>: rotates the environment's access key through the saga in this process, against the
/// saga store the worker uses, and waits for the end (the grace period included); prints each step (key ids only) on
/// stderr. Exit codes: 0 rotated, 1 refused or failed, 4 timed out.
/// </summary>
public static class RotateKeyCommand
{
    public static Task<int> RunAsync(string environment, bool jsonOutput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = new RotateAccessKey(Guid.NewGuid(), environment) { Caller = Caller.Operator };
        return InProcessRun.RunAsync(command, command.RequestId, environment, jsonOutput, timeout, cancellationToken);
    }
}
