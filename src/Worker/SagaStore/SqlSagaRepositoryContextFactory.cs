using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.SagaStore;

/// <summary>Our saga repository for MassTransit: correlation by id only, no query correlation.</summary>
public sealed class SqlSagaRepositoryContextFactory(SagaTable table, ISagaConsumeContextFactory<SagaTable, ProvisioningState> factory)
    : ISagaRepositoryContextFactory<ProvisioningState>, ILoadSagaRepositoryContextFactory<ProvisioningState>
{
    public void Probe(ProbeContext context) => context.Add("persistence", "sql");

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<ProvisioningState, T>> next) where T : class =>
        next.Send(new SqlSagaRepositoryContext<T>(table, context, factory));

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<ProvisioningState> query,
        IPipe<SagaRepositoryQueryContext<ProvisioningState, T>> next) where T : class =>
        throw new NotSupportedException("The provisioning saga is correlated by id only");

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<ProvisioningState>, Task<T>> asyncMethod,
        CancellationToken cancellationToken = default) where T : class =>
        await asyncMethod(new LoadContext(table, cancellationToken));

    private sealed class LoadContext(SagaTable table, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<ProvisioningState>
    {
        public Task<ProvisioningState> Load(Guid correlationId) => table.LoadAsync(correlationId, CancellationToken)!;
    }
}
