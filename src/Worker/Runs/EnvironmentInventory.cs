using Provisioner.Worker.Stages;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// Keeps the environment's inventory from its runs' stage events: a resource a stage made, found or changed is recorded
/// (with the run that created it); one a compensation, removal or prune deleted (or found gone) is forgotten; one a
/// deprovisioning kept on purpose (a bucket with data) stays, marked retained.
/// </summary>
public static class EnvironmentInventory
{
    public static void Apply(ProvisioningState saga, SlipStep step, string? action, string? detail, Guid? createdBy, DateTimeOffset now)
    {
        if (step.Resource is null) return;
        switch (step.Mode, action)
        {
            case (StageMode.Ensure or StageMode.Repair or StageMode.Observe, Reconciler.Created or Reconciler.Updated or Reconciler.Unchanged or Reconciler.Observed):
                Record(saga, step, createdBy ?? saga.Run.RunId, now);
                break;
            case (StageMode.Remove or StageMode.Prune, Reconciler.Deleted or Reconciler.Absent):
            case (StageMode.Remove or StageMode.Prune, Reconciler.Retained) when detail == Reconciler.NotOurs:
                Forget(saga, step);
                break;
            case (StageMode.Remove, Reconciler.Retained):
                Retain(saga, step);
                break;
        }
    }

    /// <summary>What a compensation deleted, or found gone, is no longer the environment's.</summary>
    public static void Compensated(ProvisioningState saga, SlipStep step, string? action)
    {
        if (action is Reconciler.Deleted or Reconciler.Absent) Forget(saga, step);
    }

    /// <summary>What deprovisioning removes: the inventory, plus anything of the applied plan it lacks (an environment recorded before it had one).</summary>
    public static IReadOnlyList<InventoryItem> ForTeardown(ProvisioningState saga, DateTimeOffset now)
    {
        var items = saga.Inventory.ToList();
        if (RunPlan.Applied(saga) is { } applied)
            foreach (var stage in StageCatalogue.In(applied))
                if (stage.ItemOf(applied, saga.Applied!.RunId, now) is { } item && !items.Any(i => i.Stage == item.Stage && i.Name == item.Name))
                    items.Add(item);
        return items;
    }

    private static void Record(ProvisioningState saga, SlipStep step, Guid createdBy, DateTimeOffset now)
    {
        var index = saga.Inventory.FindIndex(i => i.Stage == step.Stage && i.Name == step.Resource);
        if (RunPlan.Of(saga) is not { } plan || StageCatalogue.Find(step.Stage)?.ItemOf(plan, createdBy, now) is not { } item || item.Name != step.Resource)
            return;
        // The newest plan of it, so a later removal addresses it as it is now; who created it and since when stay.
        if (index < 0) saga.Inventory.Add(item);
        else saga.Inventory[index] = item with { CreatedBy = saga.Inventory[index].CreatedBy, RecordedAt = saga.Inventory[index].RecordedAt };
    }

    private static void Forget(ProvisioningState saga, SlipStep step) =>
        saga.Inventory.RemoveAll(i => i.Stage == step.Stage && i.Name == step.Resource);

    private static void Retain(ProvisioningState saga, SlipStep step)
    {
        var index = saga.Inventory.FindIndex(i => i.Stage == step.Stage && i.Name == step.Resource);
        if (index >= 0) saga.Inventory[index] = saga.Inventory[index] with { Retained = true };
    }
}
