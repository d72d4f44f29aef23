using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Rotation;
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
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>
/// The real state machine, activities, routing slips and SQLite saga store on MassTransit's test harness, with the
/// cloud replaced by fakes of our own resource interface.
/// </summary>
public sealed class SagaTestHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    /// <summary>Fast retries, so a test of a failing stage does not wait for production backoff.</summary>
    public static readonly StageOptions FastStages = new()
    {
        Retry = new StageRetryOptions { Limit = 2, MinInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(50) },
    };

    private SagaTestHost(string databasePath, SagaTestHost? sameCloudAs, StageOptions? stages, RecoveryOptions? recovery,
        AccessKeyOptions? accessKeys, ProfilesOptions? profiles)
    {
        DatabasePath = databasePath;
        Log = sameCloudAs?.Log ?? new CallLog();
        Bucket = sameCloudAs?.Bucket ?? new FakeBucket(Log, new FakeBucketContents(Log));
        BucketPolicy = sameCloudAs?.BucketPolicy ?? new FakeResource<BucketPolicyPlan>("bucket-policy", Log, p => p.Bucket);
        Policy = sameCloudAs?.Policy ?? new FakeResource<AccessPolicyPlan>("access-policy", Log, p => p.Name);
        Role = sameCloudAs?.Role ?? new FakeResource<RolePlan>("role", Log, p => p.Name);
        ServiceAccount = sameCloudAs?.ServiceAccount ?? new FakeResource<ServiceAccountPlan>("service-account", Log, p => p.Name);
        Release = sameCloudAs?.Release ?? new FakeResource<MilvusReleasePlan>("milvus-release", Log, p => p.Release);
        User = sameCloudAs?.User ?? new FakeResource<IamUserPlan>("iam-user", Log, p => p.Name);
        AccessKey = sameCloudAs?.AccessKey ?? new FakeResource<AccessKeyPlan>("access-key", Log, p => p.SecretName);
        Rotation = sameCloudAs?.Rotation ?? new FakeKeyRotationSteps(Log);
        Verifier = sameCloudAs?.Verifier ?? new FakeVerifier(Log);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IResource<BucketPlan>>(Bucket);
        services.AddSingleton<IResource<BucketPolicyPlan>>(BucketPolicy);
        services.AddSingleton<IResource<AccessPolicyPlan>>(Policy);
        services.AddSingleton<IResource<RolePlan>>(Role);
        services.AddSingleton<IResource<ServiceAccountPlan>>(ServiceAccount);
        services.AddSingleton<IResource<MilvusReleasePlan>>(Release);
        services.AddSingleton<IResource<IamUserPlan>>(User);
        services.AddSingleton<IResource<AccessKeyPlan>>(AccessKey);
        services.AddSingleton<IKeyRotationSteps>(Rotation);
        services.AddSingleton(Options.Create(accessKeys ?? new AccessKeyOptions { RotationGrace = TimeSpan.Zero }));
        services.AddSingleton<IEnvironmentVerifier>(Verifier);
        services.AddSingleton<IPlanFactsResolver>(Facts);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISagaDatabase>(new SqliteSagaDatabase($"Data Source={databasePath}"));
        services.AddSingleton<SagaTable>();
        services.AddSingleton<DriftSchedule>();
        services.AddSingleton<DriftCheck>();
        services.AddSingleton(Options.Create(stages ?? FastStages));
        services.AddSingleton(Options.Create(recovery ?? new RecoveryOptions()));
        services.AddSingleton(Options.Create(profiles ?? TestProfiles.Options));
        services.AddSingleton<ProfileCatalog>();
        services.AddMassTransitTestHarness(ProvisionerRegistration.AddProvisionerComponents);
        provider = services.BuildServiceProvider(validateScopes: true);
    }

    public string DatabasePath { get; }
    public CallLog Log { get; }
    public FakeBucket Bucket { get; }
    public FakeResource<BucketPolicyPlan> BucketPolicy { get; }
    public FakeResource<AccessPolicyPlan> Policy { get; }
    public FakeResource<RolePlan> Role { get; }
    public FakeResource<ServiceAccountPlan> ServiceAccount { get; }
    public FakeResource<MilvusReleasePlan> Release { get; }
    public FakeResource<IamUserPlan> User { get; }
    public FakeResource<AccessKeyPlan> AccessKey { get; }
    public FakeKeyRotationSteps Rotation { get; }
    public FakeVerifier Verifier { get; }
    public FakeBucketContents BucketContents => Bucket.Contents;
    public FakePlanFacts Facts { get; } = new();
    public EventRecorder Events { get; } = new();
    public ITestHarness Harness => provider.GetTestHarness();
    public IBus Bus => Harness.Bus;
    public SagaTable Table => provider.GetRequiredService<SagaTable>();

    /// <param name="sameCloudAs">Share that host's fake cloud: a restarted worker finds what the first one made.</param>
    public static async Task<SagaTestHost> StartAsync(string? databasePath = null, SagaTestHost? sameCloudAs = null,
        StageOptions? stages = null, RecoveryOptions? recovery = null, AccessKeyOptions? accessKeys = null, ProfilesOptions? profiles = null)
    {
        var host = new SagaTestHost(databasePath ?? Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db"), sameCloudAs,
            stages, recovery, accessKeys, profiles);
        await host.provider.GetRequiredService<ISagaDatabase>().EnsureSchemaAsync(default);
        await host.Harness.Start();
        host.Bus.ConnectPublishObserver(host.Events);
        return host;
    }

    public async Task<object> ProvisionAsync(EnvironmentRequest request, Guid? requestId = null)
    {
        var id = requestId ?? Guid.NewGuid();
        await Bus.Publish(new ProvisionEnvironment(id, request));
        return await Events.OutcomeAsync(id);
    }

    /// <summary>A drift scheduler of this host's store and bus, as a replica would run it.</summary>
    public DriftScheduler DriftScheduler(DriftOptions options) =>
        ActivatorUtilities.CreateInstance<DriftScheduler>(provider, Options.Create(options));

    public DriftSchedule DriftSchedule => provider.GetRequiredService<DriftSchedule>();

    public DriftCheck DriftCheck => provider.GetRequiredService<DriftCheck>();

    /// <summary>A sweeper of this host's store and bus, as a replica would run it (its options are this host's).</summary>
    public RecoverySweeper Sweeper() => ActivatorUtilities.CreateInstance<RecoverySweeper>(provider, Bus);

    public async Task<object> DeprovisionAsync(string environment, bool deleteData = false, Guid? requestId = null)
    {
        var id = requestId ?? Guid.NewGuid();
        await Bus.Publish(new DeprovisionEnvironment(id, environment, deleteData));
        return await Events.OutcomeAsync(id);
    }

    /// <returns>The rotation's outcome: <see cref="AccessKeyRotated"/> or <see cref="AccessKeyRotationRefused"/>.</returns>
    public async Task<object> RotateAsync(string environment, Guid? requestId = null, TimeSpan? timeout = null)
    {
        var id = requestId ?? Guid.NewGuid();
        await Bus.Publish(new RotateAccessKey(id, environment));
        return await Events.OutcomeAsync(id, timeout);
    }

    /// <summary>The environment's saga as the store holds it.</summary>
    public async Task<ProvisioningState> LoadAsync(string environment) =>
        await Table.LoadAsync(ResourceNames.CorrelationId(environment), default) ?? throw new InvalidOperationException($"no saga for {environment}");

    public Task ResumeUnfinishedAsync() =>
        new UnfinishedRunResumer(Table, Bus, Options.Create(new SagaStoreOptions()), NullLogger<UnfinishedRunResumer>.Instance).StartAsync(CancellationToken.None);

    public async Task<Response<EnvironmentStatus, EnvironmentNotFound>> StatusAsync(string environment) =>
        await Harness.GetRequestClient<GetEnvironmentStatus>()
            .GetResponse<EnvironmentStatus, EnvironmentNotFound>(new GetEnvironmentStatus(Guid.NewGuid(), environment));

    /// <summary>Polls until the condition holds; 20 s at most.</summary>
    public static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 20 s");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until the store holds <paramref name="completed"/> completed stages of the environment's run: events leave
    /// before the saga row is saved, and a resume names the version it read, so a "restart" must come after that write.
    /// </summary>
    public Task StoredAsync(string environment, int completed) =>
        Infrastructure.Eventually.TrueAsync(async () => (await LoadAsync(environment)).Run.Stages.Count(s => s.Status == StageStatus.Completed) == completed,
            $"the store holds {completed} completed stages of {environment}");

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await provider.DisposeAsync();
    }
}
