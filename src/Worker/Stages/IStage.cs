using MassTransit;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Stages;

/// <summary>One entry of the <see cref="StageCatalogue"/>: everything the run needs to know about a stage.</summary>
public interface IStage
{
    /// <summary>As in events and status documents; also names the stage's queues (<c>&lt;name&gt;_execute</c>, <c>_compensate</c>).</summary>
    string Name { get; }

    /// <summary>False for a stage that creates nothing (verify): it has no inventory, and deprovisioning skips it.</summary>
    bool HasCompensation { get; }

    /// <summary>Defaults of <c>Stages:PerStage:&lt;name&gt;</c>; configuration overrides them.</summary>
    StageOverride Defaults { get; }

    Type ActivityType { get; }

    /// <summary>Whether a run of <paramref name="plan"/> has this stage.</summary>
    bool IsIn(EnvironmentPlan plan);

    /// <summary>The name of the stage's resource in <paramref name="plan"/>; null when the plan has no such stage.</summary>
    string? ResourceNameIn(EnvironmentPlan plan);

    void AddTo(RoutingSlipBuilder builder, EnvironmentPlan plan, StageMode mode, string? abandonReason = null);

    /// <summary>
    /// Acts on a resource of the inventory rather than of a plan: removal (<see cref="StageMode.Remove"/>) or prune
    /// (<see cref="StageMode.Prune"/>), under the activity name <paramref name="activityName"/>.
    /// </summary>
    void AddFor(RoutingSlipBuilder builder, InventoryItem item, string activityName, Guid runId, string environment, StageMode mode,
        bool deleteData = false);

    /// <summary>The inventory entry of this stage's resource in <paramref name="plan"/> (null when the plan has no such stage).</summary>
    InventoryItem? ItemOf(EnvironmentPlan plan, Guid createdBy, DateTimeOffset now);

    /// <summary>The stage's resource and what only it needs (its clients come from their own areas).</summary>
    void AddServices(IServiceCollection services);

    /// <summary>The stage's activity, on endpoints defined by <see cref="StageEndpointDefinition{TActivity,TArguments,TLog}"/>.</summary>
    void Register(IBusRegistrationConfigurator bus);

    /// <summary>
    /// Observe-only (drift detection): how the stage's resource differs from <paramref name="plan"/>; null when it matches,
    /// or the plan has no such stage, or the stage creates nothing.
    /// </summary>
    Task<StageDrift?> CheckAsync(IServiceProvider services, EnvironmentPlan plan, string environment, CancellationToken ct);
}
