using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Fences off routing slips the saga has given up on: once a run is re-driven (new tracking number), a stage message
/// of the older attempt — a slow replica, a redelivery — is dropped before it acts, so two attempts never create or
/// compensate the same resources at once. Whatever the older attempt made, the current one observes as its own.
/// </summary>
public sealed class SupersededSlipFilter(SagaTable table, ILogger<SupersededSlipFilter> logger) : IFilter<ConsumeContext<RoutingSlip>>
{
    public async Task Send(ConsumeContext<RoutingSlip> context, IPipe<ConsumeContext<RoutingSlip>> next)
    {
        var slip = context.Message;
        if (Guid.TryParse(CourierData.ReadString(slip.Variables, SlipVariables.SagaId), out var sagaId)
            && await table.LoadAsync(sagaId, context.CancellationToken) is { } saga
            && saga.Run.TrackingNumber != slip.TrackingNumber)
        {
            logger.LogWarning("Dropping a stage of superseded attempt {TrackingNumber} of {Environment} (current {CurrentTrackingNumber})",
                slip.TrackingNumber, saga.Environment, saga.Run.TrackingNumber);
            return;
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("superseded-slip");
}
