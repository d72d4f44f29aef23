using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Provisioner.Contracts;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.SagaStore;

/// <summary>MassTransit's view of <see cref="SagaTable"/> while one message is consumed.</summary>
public sealed class SqlSagaRepositoryContext<TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<ProvisioningState, TMessage>
    where TMessage : class
{
    private readonly SagaTable table;
    private readonly ConsumeContext<TMessage> consume;
    private readonly ISagaConsumeContextFactory<SagaTable, ProvisioningState> factory;

    public SqlSagaRepositoryContext(SagaTable table, ConsumeContext<TMessage> consume,
        ISagaConsumeContextFactory<SagaTable, ProvisioningState> factory) : base(consume)
    {
        (this.table, this.consume, this.factory) = (table, consume, factory);
    }

    public Task<SagaConsumeContext<ProvisioningState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext,
        ProvisioningState instance, SagaConsumeContextMode mode) where T : class =>
        factory.CreateSagaConsumeContext(table, consumeContext, instance, mode);

    public Task<SagaConsumeContext<ProvisioningState, TMessage>> Add(ProvisioningState instance) =>
        factory.CreateSagaConsumeContext(table, consume, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<ProvisioningState, TMessage>> Insert(ProvisioningState instance)
    {
        try
        {
            await table.InsertAsync(instance, CancellationToken);
        }
        catch (ConcurrencyException)
        {
            return default!; // already there: MassTransit loads it instead
        }
        return await factory.CreateSagaConsumeContext(table, consume, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<ProvisioningState, TMessage>> Load(Guid correlationId)
    {
        var instance = await table.LoadAsync(correlationId, CancellationToken);
        if (instance is null) return default!;
        // A request id accepted before is a duplicate, however long ago: its record comes with the saga, for the state machine's filters.
        if (RequestIdOf(consume.Message) is { } requestId) instance.Known = await table.FindRequestAsync(correlationId, requestId, CancellationToken);
        return await factory.CreateSagaConsumeContext(table, consume, instance, SagaConsumeContextMode.Load);
    }

    private static Guid? RequestIdOf(TMessage message) => message switch
    {
        ProvisionEnvironment provision => provision.RequestId,
        DeprovisionEnvironment deprovision => deprovision.RequestId,
        _ => null,
    };

    public Task Save(SagaConsumeContext<ProvisioningState> context) => table.InsertAsync(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<ProvisioningState> context) => table.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<ProvisioningState> context) => table.DeleteAsync(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<ProvisioningState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<ProvisioningState> context) => Task.CompletedTask;
}
