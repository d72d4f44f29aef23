using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.SagaStore;

/// <summary>Where the sagas live: SQLite (embedded default) or PostgreSQL, the table created before the bus starts.</summary>
public static class SagaStoreRegistration
{
    public static IServiceCollection AddProvisionerSagaStore(this IServiceCollection services)
    {
        services.AddOptions<SagaStoreOptions>().BindConfiguration(SagaStoreOptions.Section)
            .Validate(o => o.Provider is SagaStoreOptions.Sqlite or SagaStoreOptions.Postgres, "SagaStore:Provider must be Sqlite or Postgres")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "SagaStore:ConnectionString is required")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SagaStoreOptions>>().Value.CreateDatabase());
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SagaChangeSignal>();
        services.AddSingleton(sp => new SagaTable(sp.GetRequiredService<ISagaDatabase>(), sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<SagaChangeSignal>()));
        services.AddSingleton<IIntentLog, SqlIntentLog>();
        services.AddHostedService<SagaSchemaInitializer>();
        return services;
    }
}
