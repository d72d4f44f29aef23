using MassTransit;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// Execute-only: verification creates nothing, so there is nothing to compensate. A mismatch faults the stage with the
/// exact differences, and Courier compensates every stage before it.
/// </summary>
public sealed class VerifyActivity(IEnvironmentVerifier verifier, ILogger<VerifyActivity> logger) : IExecuteActivity<VerifyArguments>
{
    public const string ActionVariable = "StageAction";
    public const string OutputsVariable = "StageOutputs";

    public async Task<ExecutionResult> Execute(ExecuteContext<VerifyArguments> context)
    {
        var args = context.Arguments;
        var report = await verifier.VerifyAsync(args.Plan, context.CancellationToken);
        logger.LogInformation("Verified {Environment}: {Checks}; probe {Probe}", args.Environment, report.Checks, report.Probe);
        return context.CompletedWithVariables(new Dictionary<string, object>
        {
            [ActionVariable] = "verified",
            [OutputsVariable] = new Dictionary<string, string> { ["checks"] = string.Join(", ", report.Checks), ["probe"] = report.Probe },
        });
    }
}
