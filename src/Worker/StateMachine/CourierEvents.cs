using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Courier's routing-slip events, which share no interface: their saga id (a slip variable) and tracking number, read
/// in one place, so the state machine correlates and fences them all the same way.
/// </summary>
public static class CourierEvents
{
    public static void Correlate<T>(IEventCorrelationConfigurator<ProvisioningState, T> x) where T : class
    {
        x.CorrelateById(m => Guid.TryParse(CourierData.ReadString(VariablesOf(m.Message), SlipVariables.SagaId), out var id) ? id : Guid.Empty);
        // Courier sends them to the saga's queue (the slip's subscription): no exchange binding needed.
        x.ConfigureConsumeTopology = false;
    }

    /// <summary>Events of an attempt the saga has given up on (a re-driven run) are ignored.</summary>
    public static bool OfCurrentSlip<T>(BehaviorContext<ProvisioningState, T> c) where T : class =>
        TrackingNumberOf(c.Message) == c.Saga.Run.TrackingNumber;

    private static IDictionary<string, object>? VariablesOf(object message) => message switch
    {
        RoutingSlipActivityCompleted e => e.Variables,
        RoutingSlipActivityFaulted e => e.Variables,
        RoutingSlipActivityCompensated e => e.Variables,
        RoutingSlipActivityCompensationFailed e => e.Variables,
        RoutingSlipCompleted e => e.Variables,
        RoutingSlipFaulted e => e.Variables,
        RoutingSlipCompensationFailed e => e.Variables,
        _ => null,
    };

    private static Guid TrackingNumberOf(object message) => message switch
    {
        RoutingSlipActivityCompleted e => e.TrackingNumber,
        RoutingSlipActivityFaulted e => e.TrackingNumber,
        RoutingSlipActivityCompensated e => e.TrackingNumber,
        RoutingSlipActivityCompensationFailed e => e.TrackingNumber,
        RoutingSlipCompleted e => e.TrackingNumber,
        RoutingSlipFaulted e => e.TrackingNumber,
        RoutingSlipCompensationFailed e => e.TrackingNumber,
        _ => Guid.Empty,
    };
}
