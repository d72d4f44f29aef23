using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Runs;

/// <summary>A routing slip being built, and the <see cref="SlipStep"/>s it will report, in order.</summary>
public sealed class RunSlip(Guid trackingNumber)
{
    private readonly RoutingSlipBuilder builder = new(trackingNumber);
    private readonly List<SlipStep> steps = [];

    public IReadOnlyList<SlipStep> Steps => steps;

    public void Add(IStage stage, EnvironmentPlan plan, StageMode mode, string? abandonReason = null)
    {
        stage.AddTo(builder, plan, mode, abandonReason);
        steps.Add(new SlipStep(stage.Name, stage.Name, stage.ResourceNameIn(plan), mode));
    }

    public void Add(IStage stage, InventoryItem item, string name, Guid runId, string environment, StageMode mode, bool deleteData = false)
    {
        stage.AddFor(builder, item, name, runId, environment, mode, deleteData);
        steps.Add(new SlipStep(name, stage.Name, item.Name, mode));
    }

    /// <summary>
    /// Every Courier event of the slip goes to the saga's queue, correlated by the saga-id variable. The saga reads an
    /// event's variables and activity log only, so the events leave the activity's arguments (a stage's whole plan) out.
    /// </summary>
    public RoutingSlip Build(Guid sagaId, Uri sagaAddress)
    {
        builder.AddVariable(SlipVariables.SagaId, sagaId);
        builder.AddSubscription(sagaAddress, RoutingSlipEvents.All, RoutingSlipEventContents.Variables | RoutingSlipEventContents.Data);
        return builder.Build();
    }
}
