using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Runs;

/// <summary>Plan → routing slip: one activity per stage of the <see cref="StageCatalogue"/>, with the saga subscribed to every event.</summary>
public static class RoutingSlipFactory
{
    public static RoutingSlip Build(EnvironmentPlan plan, Guid sagaId, Guid trackingNumber, Uri sagaAddress) =>
        Slip(trackingNumber, sagaId, sagaAddress, builder =>
        {
            foreach (var stage in StageCatalogue.In(plan)) stage.AddTo(builder, plan, StageMode.Ensure);
        });

    /// <summary>
    /// The slip that fails a stalled run: observe-only stages up to <paramref name="stalledStage"/>, which cleans its own
    /// stage and faults with <paramref name="reason"/>, so Courier compensates the rest in reverse order.
    /// </summary>
    public static RoutingSlip BuildAbandon(EnvironmentPlan plan, string stalledStage, string reason, Guid sagaId, Guid trackingNumber,
        Uri sagaAddress) =>
        Slip(trackingNumber, sagaId, sagaAddress, builder =>
        {
            foreach (var stage in StageCatalogue.In(plan))
            {
                if (stage.Name == stalledStage)
                {
                    stage.AddTo(builder, plan, StageMode.Abandon, reason);
                    return;
                }
                stage.AddTo(builder, plan, StageMode.Observe);
            }
        });

    /// <summary>Deprovisioning removes the plan's stages in reverse order; verification has nothing to remove.</summary>
    public static IReadOnlyList<string> TeardownStages(EnvironmentPlan plan) => TeardownOf(plan).Select(s => s.Name).ToList();

    public static RoutingSlip BuildTeardown(EnvironmentPlan plan, bool deleteData, Guid sagaId, Guid trackingNumber, Uri sagaAddress) =>
        Slip(trackingNumber, sagaId, sagaAddress, builder =>
        {
            foreach (var stage in TeardownOf(plan)) stage.AddTo(builder, plan, StageMode.Remove, deleteData: deleteData);
        });

    private static IEnumerable<IStage> TeardownOf(EnvironmentPlan plan) => StageCatalogue.In(plan).Where(s => s.HasCompensation).Reverse();

    private static RoutingSlip Slip(Guid trackingNumber, Guid sagaId, Uri sagaAddress, Action<RoutingSlipBuilder> addStages)
    {
        var builder = new RoutingSlipBuilder(trackingNumber);
        addStages(builder);
        builder.AddVariable(SlipVariables.SagaId, sagaId);
        builder.AddSubscription(sagaAddress, RoutingSlipEvents.All, RoutingSlipEventContents.All);
        return builder.Build();
    }
}
