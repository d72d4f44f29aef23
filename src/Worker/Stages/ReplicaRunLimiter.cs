using MassTransit;
using MassTransit.Courier.Contracts;

namespace Provisioner.Worker.Stages;

/// <summary>
/// At most <c>Worker:MaxConcurrentRuns</c> stage calls in this replica at once, across every stage endpoint. A run is in
/// at most one stage at a time, so this bounds the runs a replica works on; the rest wait in the broker's queues.
/// </summary>
public sealed class ReplicaRunLimiter(int limit) : IFilter<ConsumeContext<RoutingSlip>>, IDisposable
{
    private readonly SemaphoreSlim slots = new(limit, limit);

    public int Limit => limit;

    public async Task Send(ConsumeContext<RoutingSlip> context, IPipe<ConsumeContext<RoutingSlip>> next)
    {
        await slots.WaitAsync(context.CancellationToken);
        try
        {
            await next.Send(context);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replica-run-limit").Add("limit", limit);

    public void Dispose() => slots.Dispose();
}
