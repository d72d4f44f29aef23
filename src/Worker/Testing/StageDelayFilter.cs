using MassTransit;
using MassTransit.Courier.Contracts;

namespace Provisioner.Worker.Testing;

/// <summary>
/// Test-only (<c>Testing:StageDelay</c>, off by default): makes every stage call take at least this long, so a crash
/// test can kill a worker while stages are in progress.
/// </summary>
public sealed class StageDelayFilter(TimeSpan delay) : IFilter<ConsumeContext<RoutingSlip>>
{
    public async Task Send(ConsumeContext<RoutingSlip> context, IPipe<ConsumeContext<RoutingSlip>> next)
    {
        await Task.Delay(delay, context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("testing-stage-delay").Add("delay", delay);
}
