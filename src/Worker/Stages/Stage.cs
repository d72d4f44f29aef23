using System.Text.Json;
using MassTransit;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Stages;

/// <summary>
/// A stage over one resource: <paramref name="PlanOf"/> picks its part of the plan (null = the run has no such stage),
/// <paramref name="ResourceName"/> names the resource (in logs, intent records and the inventory), <paramref name="Services"/>
/// registers the resource (in the stage's folder). Its activity is the generic <see cref="StageActivity{TPlan}"/>.
/// </summary>
public sealed record Stage<TPlan>(string Name, Func<EnvironmentPlan, TPlan?> PlanOf, Func<TPlan, string> ResourceName,
    Action<IServiceCollection> Services) : IStage
    where TPlan : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool HasCompensation => true;

    public StageOverride Defaults { get; init; } = new();

    public Type ActivityType => typeof(StageActivity<TPlan>);

    public bool IsIn(EnvironmentPlan plan) => PlanOf(plan) is not null;

    public string? ResourceNameIn(EnvironmentPlan plan) => PlanOf(plan) is { } part ? ResourceName(part) : null;

    public void AddTo(RoutingSlipBuilder builder, EnvironmentPlan plan, StageMode mode, string? abandonReason = null) =>
        builder.AddActivity(Name, StageQueues.Execute(Name), new StageArguments<TPlan>(plan.RunId, plan.Environment, PlanOf(plan)!, mode, abandonReason));

    public void AddFor(RoutingSlipBuilder builder, InventoryItem item, string activityName, Guid runId, string environment, StageMode mode,
        bool deleteData = false) =>
        builder.AddActivity(activityName, StageQueues.Execute(Name),
            new StageArguments<TPlan>(runId, environment, item.Plan.Deserialize<TPlan>(Json)!, mode, DeleteData: deleteData));

    public InventoryItem? ItemOf(EnvironmentPlan plan, Guid createdBy, DateTimeOffset now) => PlanOf(plan) is { } part
        ? new InventoryItem(Name, ResourceName(part), JsonSerializer.SerializeToElement(part, Json), createdBy, now)
        : null;

    public void AddServices(IServiceCollection services) => Services(services);

    public async Task<StageDrift?> CheckAsync(IServiceProvider services, EnvironmentPlan plan, string environment, CancellationToken ct) =>
        PlanOf(plan) is { } part
            ? StageDrift.Of(Name, ResourceName(part), await services.GetRequiredService<IResource<TPlan>>().ObserveAsync(part, environment, ct), environment)
            : null;

    public void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddSingleton(this);
        bus.AddActivity<StageActivity<TPlan>, StageArguments<TPlan>, StageLog<TPlan>>(
            typeof(StageEndpointDefinition<StageActivity<TPlan>, StageArguments<TPlan>, StageLog<TPlan>>));
    }
}
