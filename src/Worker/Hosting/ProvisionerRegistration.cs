using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Activities;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;
using Provisioner.Worker.Resources.AccessPolicy;
using Provisioner.Worker.Resources.Bucket;
using Provisioner.Worker.Resources.Role;
using Provisioner.Worker.Saga;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Verification;

namespace Provisioner.Worker.Hosting;

/// <summary>Registration, one extension method per area.</summary>
public static class ProvisionerRegistration
{
    public static IServiceCollection AddProvisioner(this IServiceCollection services) => services
        .AddProvisionerAws()
        .AddProvisionerResources()
        .AddProvisionerKubernetes()
        .AddProvisionerHelm()
        .AddProvisionerSagaStore()
        .AddProvisionerBus();

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
            .Validate(o => o.Provider == "Sqlite", "SagaStore:Provider must be Sqlite in this version")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "SagaStore:ConnectionString is required")
            .ValidateOnStart();
        services.AddSingleton<ISagaDatabase>(sp => new SqliteSagaDatabase(sp.GetRequiredService<IOptions<SagaStoreOptions>>().Value.ConnectionString));
        services.AddSingleton<SagaTable>();
        services.AddHostedService<SagaSchemaInitializer>();
        return services;
    }

    public static IServiceCollection AddProvisionerBus(this IServiceCollection services)
    {
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section)
            .Validate(o => o.Transport == "InMemory", "Bus:Transport must be InMemory in this version").ValidateOnStart();
        services.AddSingleton<RoutingSlipFactory>();
        services.AddMassTransit(x =>
        {
            AddProvisionerComponents(x);
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        services.AddHostedService<UnfinishedRunResumer>();
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
    }

    private static void AddStageActivities(IBusRegistrationConfigurator x)
    {
        x.AddActivity<BucketActivity, StageArguments<BucketPlan>, StageLog<BucketPlan>>();
        x.AddActivity<AccessPolicyActivity, StageArguments<AccessPolicyPlan>, StageLog<AccessPolicyPlan>>();
        x.AddActivity<RoleActivity, StageArguments<RolePlan>, StageLog<RolePlan>>();
        x.AddActivity<ServiceAccountActivity, StageArguments<ServiceAccountPlan>, StageLog<ServiceAccountPlan>>();
        x.AddActivity<MilvusReleaseActivity, StageArguments<HelmPlan>, StageLog<HelmPlan>>();
        x.AddExecuteActivity<VerifyActivity, VerifyArguments>();
    }
}
