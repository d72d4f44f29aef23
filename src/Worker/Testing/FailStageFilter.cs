using MassTransit;

namespace Provisioner.Worker.Testing;

/// <summary>
/// Test-only (<c>Testing:FailStage</c>): the named stage fails terminally before it acts, so the run compensates. It sits
/// in the activity's own pipe, where Courier turns an exception into the activity's fault.
/// </summary>
public sealed class FailStageFilter<TArguments>(string stage) : IFilter<ExecuteContext<TArguments>>
    where TArguments : class
{
    public Task Send(ExecuteContext<TArguments> context, IPipe<ExecuteContext<TArguments>> next) =>
        context.ActivityName == stage
            ? throw new NotSupportedException($"stage '{stage}' failed on purpose (Testing:FailStage)")
            : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("testing-fail-stage").Add("stage", stage);
}
