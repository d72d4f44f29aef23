using MassTransit;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// Verification creates nothing, so there is nothing to compensate. A mismatch faults the stage with the exact
/// differences, and Courier compensates every stage before it. A run stalled here is failed the same way.
/// </summary>
public sealed class VerifyActivity(IEnvironmentVerifier verifier, ILogger<VerifyActivity> logger) : IActivity<VerifyArguments, NothingToUndo>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<VerifyArguments> context)
    {
        var args = context.Arguments;
        if (args.AbandonReason is { } reason) throw new RunAbandonedException(reason);
        var report = await verifier.VerifyAsync(args.Plan, context.CancellationToken);
        logger.LogInformation("Verified {Environment}: {Checks}; probe {Probe}", args.Environment, report.Checks, report.Probe);
        return context.CompletedWithVariables(SlipVariables.StageResult("verified",
            new Dictionary<string, string> { ["checks"] = string.Join(", ", report.Checks), ["probe"] = report.Probe }));
    }

    public Task<CompensationResult> Compensate(CompensateContext<NothingToUndo> context) => Task.FromResult(context.Compensated());
}
