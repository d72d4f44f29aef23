using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>The last stage of every run: the guide's verification list, done by the program.</summary>
public sealed class VerifyStage : IStage
{
    public string Name => StageNames.Verify;

    public bool HasCompensation => false;

    public StageOverride Defaults { get; } = new();

    public Type ActivityType => typeof(VerifyActivity);

    public bool IsIn(EnvironmentPlan plan) => true;

    public string? ResourceNameIn(EnvironmentPlan plan) => null;

    public void AddTo(RoutingSlipBuilder builder, EnvironmentPlan plan, StageMode mode, string? abandonReason = null) =>
        builder.AddActivity(Name, StageQueues.Execute(Name),
            new VerifyArguments(plan.RunId, plan.Environment, plan, mode == StageMode.Abandon ? abandonReason ?? "the run was abandoned" : null));

    public void AddFor(RoutingSlipBuilder builder, InventoryItem item, string activityName, Guid runId, string environment, StageMode mode,
        bool deleteData = false) => throw new NotSupportedException("verification creates nothing to remove");

    public InventoryItem? ItemOf(EnvironmentPlan plan, Guid createdBy, DateTimeOffset now) => null;

    public void AddServices(IServiceCollection services) => services.AddVerifyStage();

    public Task<StageDrift?> CheckAsync(IServiceProvider services, EnvironmentPlan plan, string environment, CancellationToken ct) =>
        Task.FromResult<StageDrift?>(null);

    public void Register(IBusRegistrationConfigurator bus) =>
        bus.AddActivity<VerifyActivity, VerifyArguments, NothingToUndo>(
            typeof(StageEndpointDefinition<VerifyActivity, VerifyArguments, NothingToUndo>));
}
