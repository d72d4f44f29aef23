using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Hosting;

/// <summary>Registration, one extension method per area.</summary>
public static class ProvisionerRegistration
{
    /// <summary>The worker with the bus <c>Bus:Transport</c> names.</summary>
    public static IServiceCollection AddProvisioner(this IServiceCollection services, IConfiguration configuration) =>
        services.AddProvisioner(BusOptions.IsRabbitMq(configuration[$"{BusOptions.Section}:Transport"]));

    /// <summary>On the in-memory bus: <c>apply</c> runs its request in this process, whatever the configuration says.</summary>
    public static IServiceCollection AddProvisioner(this IServiceCollection services, bool rabbitMq = false) => services
        .AddProvisionerAws()
        .AddProvisionerResources()
        .AddProvisionerKubernetes()
        .AddProvisionerAccessKeys()
        .AddProvisionerHelm()
        .AddProvisionerSagaStore()
        .AddProvisionerBus(rabbitMq);

    public static IServiceCollection AddProvisionerAws(this IServiceCollection services)
    {
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Aws:MaxAttempts must be at least 1").ValidateOnStart();
        services.AddSingleton(sp => new AwsClients(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.AddSingleton(sp => new IamClient(sp.GetRequiredService<AwsClients>().Credentials, sp.GetRequiredService<AwsClients>().Options));
        services.AddSingleton<IPlanFactsResolver, AwsPlanFactsResolver>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddProvisionerResources(this IServiceCollection services)
    {
        services.AddSingleton<IResource<BucketPlan>, S3BucketResource>();
        services.AddSingleton<IBucketContents, S3BucketContents>();
        services.AddSingleton<IResource<BucketPolicyPlan>, S3BucketPolicyResource>();
        services.AddSingleton<IResource<AccessPolicyPlan>, IamPolicyResource>();
        services.AddSingleton<OidcProviders>();
        services.AddSingleton<IResource<RolePlan>>(sp => new IamRoleResource(sp.GetRequiredService<IamClient>(),
            sp.GetRequiredService<OidcProviders>(), IamConsistencyRetry(sp.GetRequiredService<AwsClients>().Options)));
        services.AddOptions<VerifyOptions>().BindConfiguration(VerifyOptions.Section)
            .Validate(o => o.ActiveProbe is "Auto" or "Off", "Verify:ActiveProbe must be Auto or Off")
            .Validate(o => o.ProbeAttempts >= 1, "Verify:ProbeAttempts must be at least 1").ValidateOnStart();
        services.AddSingleton<S3AccessProbe>();
        services.AddSingleton<IEnvironmentVerifier, EnvironmentVerifier>();
        return services;
    }

    /// <summary>How long a new IAM entity may take to become visible: bounded, documented, never a fixed sleep.</summary>
    public static BoundedRetry IamConsistencyRetry(AwsOptions options) =>
        new(Math.Max(options.MaxAttempts, 8), options.InitialBackoff, options.MaxBackoff);

    public static IServiceCollection AddProvisionerSagaStore(this IServiceCollection services)
    {
        services.AddOptions<SagaStoreOptions>().BindConfiguration(SagaStoreOptions.Section)
            .Validate(o => o.Provider is SagaStoreOptions.Sqlite or SagaStoreOptions.Postgres, "SagaStore:Provider must be Sqlite or Postgres")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "SagaStore:ConnectionString is required")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SagaStoreOptions>>().Value.CreateDatabase());
        services.AddSingleton<SagaTable>();
        services.AddHostedService<SagaSchemaInitializer>();
        return services;
    }

    /// <summary>The saga (on our own repository) and the stage activities: the same set for every transport and for tests.</summary>
    public static void AddProvisionerComponents(IBusRegistrationConfigurator x)
    {
        x.SetKebabCaseEndpointNameFormatter();
        x.AddSagaStateMachine<ProvisioningStateMachine, ProvisioningState, ProvisioningStateDefinition>()
            .Repository(r => r.RegisterSagaRepository<ProvisioningState, SagaTable,
                SagaConsumeContextFactory<SagaTable, ProvisioningState>, SqlSagaRepositoryContextFactory>());
        AddStageActivities(x);
        x.AddConsumer<Rotation.ReplaceAccessKeyConsumer, Rotation.RotationStepDefinition<Rotation.ReplaceAccessKeyConsumer>>();
        x.AddConsumer<Rotation.RetireAccessKeyConsumer, Rotation.RotationStepDefinition<Rotation.RetireAccessKeyConsumer>>();
    }

    private static void AddStageActivities(IBusRegistrationConfigurator x)
    {
        x.AddOptions<StageOptions>();
        x.AddOptions<TestingOptions>();
        x.AddOptions<RecoveryOptions>();
        x.AddOptions<WorkerOptions>();
        x.TryAddSingleton(sp => new ReplicaRunLimiter(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.MaxConcurrentRuns));
        x.TryAddSingleton<SupersededSlipFilter>();
        foreach (var stage in StageCatalogue.All) stage.Register(x);
    }
}
