using MassTransit;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages;

/// <summary>
/// A stage over one resource: <paramref name="PlanOf"/> picks its part of the plan (null = the run has no such stage),
/// <paramref name="ResourceName"/> names the resource in logs, <paramref name="Services"/> registers the resource (in the
/// stage's folder). Its activity is the generic <see cref="StageActivity{TPlan}"/>.
/// </summary>
public sealed record Stage<TPlan>(string Name, Func<EnvironmentPlan, TPlan?> PlanOf, Func<TPlan, string> ResourceName,
    Action<IServiceCollection> Services) : IStage
    where TPlan : class
{
    public bool HasCompensation => true;

    public StageOverride Defaults { get; init; } = new();

    public Type ActivityType => typeof(StageActivity<TPlan>);

    public bool IsIn(EnvironmentPlan plan) => PlanOf(plan) is not null;

    public void AddTo(RoutingSlipBuilder builder, EnvironmentPlan plan, StageMode mode, string? abandonReason = null, bool deleteData = false) =>
        builder.AddActivity(Name, StageQueues.Execute(Name),
            new StageArguments<TPlan>(plan.RequestId, plan.Environment, PlanOf(plan)!, mode, abandonReason, deleteData));

    public void AddServices(IServiceCollection services) => Services(services);

    public void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddSingleton(this);
        bus.AddActivity<StageActivity<TPlan>, StageArguments<TPlan>, StageLog<TPlan>>(
            typeof(StageEndpointDefinition<StageActivity<TPlan>, StageArguments<TPlan>, StageLog<TPlan>>));
    }
}
