using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.StateMachine;

public static class StateMachineRegistration
{
    /// <summary>The provisioning saga on our own repository, and what it needs to plan a run.</summary>
    public static void AddProvisioningSaga(this IBusRegistrationConfigurator x)
    {
        x.TryAddSingleton(TimeProvider.System);
        x.TryAddSingleton<IPlanFactsResolver, AwsPlanFactsResolver>();
        x.AddSagaStateMachine<ProvisioningStateMachine, ProvisioningState, ProvisioningStateDefinition>()
            .Repository(r => r.RegisterSagaRepository<ProvisioningState, SagaTable,
                SagaConsumeContextFactory<SagaTable, ProvisioningState>, SqlSagaRepositoryContextFactory>());
    }
}
