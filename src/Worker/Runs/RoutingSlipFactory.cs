using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Runs;

/// <summary>What a run's routing slip holds: one activity per stage of the <see cref="StageCatalogue"/>, or of the inventory.</summary>
public static class RoutingSlipFactory
{
    /// <summary>
    /// A provisioning run: every stage of the plan, then, once verification passed, the resources this plan replaced
    /// (<paramref name="stale"/>: a renamed bucket, say) pruned in reverse stage order.
    /// </summary>
    /// <param name="repair">A drift repair: its stages keep what they put back when a later one fails (<see cref="StageMode.Repair"/>).</param>
    public static RunSlip Build(EnvironmentPlan plan, IReadOnlyList<InventoryItem> stale, Guid trackingNumber, bool repair = false)
    {
        var slip = new RunSlip(trackingNumber);
        foreach (var stage in StageCatalogue.In(plan)) slip.Add(stage, plan, repair ? StageMode.Repair : StageMode.Ensure);
        foreach (var item in InReverseStageOrder(stale))
            slip.Add(StageCatalogue.Find(item.Stage)!, item, SlipStepNames.Prune(item.Stage), plan.RunId, plan.Environment, StageMode.Prune);
        return slip;
    }

    /// <summary>
    /// The slip that fails a stalled run: observe-only stages up to <paramref name="stalledStage"/>, which undoes its own
    /// stage and faults with <paramref name="reason"/>, so Courier compensates the rest in reverse order.
    /// </summary>
    public static RunSlip BuildAbandon(EnvironmentPlan plan, string stalledStage, string reason, Guid trackingNumber)
    {
        var slip = new RunSlip(trackingNumber);
        foreach (var stage in StageCatalogue.In(plan))
        {
            if (stage.Name == stalledStage)
            {
                slip.Add(stage, plan, StageMode.Abandon, reason);
                break;
            }
            slip.Add(stage, plan, StageMode.Observe);
        }
        return slip;
    }

    /// <summary>Deprovisioning removes the inventory in reverse stage order; two resources of a stage are told apart by name.</summary>
    public static RunSlip BuildTeardown(IReadOnlyList<InventoryItem> inventory, bool deleteData, Guid runId, string environment, Guid trackingNumber)
    {
        var slip = new RunSlip(trackingNumber);
        var items = InReverseStageOrder(inventory).ToList();
        foreach (var item in items)
        {
            var name = items.Count(i => i.Stage == item.Stage) > 1 ? $"{item.Stage}:{item.Name}" : item.Stage;
            slip.Add(StageCatalogue.Find(item.Stage)!, item, name, runId, environment, StageMode.Remove, deleteData);
        }
        return slip;
    }

    /// <summary>The inventory entries a run of <paramref name="plan"/> replaces: a stage the plan has, under another name.</summary>
    public static IReadOnlyList<InventoryItem> Stale(EnvironmentPlan plan, IEnumerable<InventoryItem> inventory) =>
        inventory.Where(i => StageCatalogue.Find(i.Stage)?.ResourceNameIn(plan) is { } current && current != i.Name).ToList();

    private static IEnumerable<InventoryItem> InReverseStageOrder(IEnumerable<InventoryItem> items) =>
        items.Where(i => StageCatalogue.Find(i.Stage) is { HasCompensation: true })
            .OrderByDescending(i => StageCatalogue.All.ToList().FindIndex(s => s.Name == i.Stage))
            .ThenBy(i => i.RecordedAt);
}
