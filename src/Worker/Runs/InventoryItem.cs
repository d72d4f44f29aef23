using System.Text.Json;

namespace Provisioner.Worker.Runs;

/// <summary>
/// One resource the environment has: its stage, its name, the part of the plan it was made from (so it can be removed
/// after the plan has moved on, e.g. a renamed bucket), and the run that created it. <paramref name="Retained"/>: kept on
/// purpose by a deprovisioning (a bucket with data), still the environment's.
/// </summary>
public sealed record InventoryItem(string Stage, string Name, JsonElement Plan, Guid CreatedBy, DateTimeOffset RecordedAt, bool Retained = false);
