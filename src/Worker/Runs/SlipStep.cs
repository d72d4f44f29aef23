using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Runs;

/// <summary>
/// One activity of a run's routing slip: the name its events carry (<paramref name="Name"/>: the stage's name, or
/// <c>prune:&lt;stage&gt;</c>, or <c>&lt;stage&gt;:&lt;resource&gt;</c> where a removal has two of a stage), the stage
/// it runs, and the resource it acts on (null for verify) — how the saga keeps the inventory from Courier's events.
/// </summary>
public sealed record SlipStep(string Name, string Stage, string? Resource, StageMode Mode);
