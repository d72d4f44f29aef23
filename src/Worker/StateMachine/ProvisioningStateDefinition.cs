using MassTransit;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Optimistic concurrency means a saga write can lose a race; the retry re-reads and re-applies the message, and the
/// outbox holds its events back until the write has succeeded, so a lost race publishes nothing twice.
/// </summary>
public sealed class ProvisioningStateDefinition : SagaDefinition<ProvisioningState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<ProvisioningState> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(20, 50, 100, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
