using MassTransit;

namespace Provisioner.Worker.Recovery;

/// <summary>Fails a run that stalled at a stage with nothing of its own to clean (verify): Courier compensates the rest.</summary>
public sealed class AbandonRunActivity : IExecuteActivity<AbandonRunArguments>
{
    public Task<ExecutionResult> Execute(ExecuteContext<AbandonRunArguments> context) =>
        throw new RunAbandonedException(context.Arguments.Reason);
}
