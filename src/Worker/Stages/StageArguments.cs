namespace Provisioner.Worker.Stages;

/// <summary>
/// What every stage activity receives: its slice of the plan, which run it works for, and what to do.
/// <paramref name="AbandonReason"/> goes with <see cref="StageMode.Abandon"/>, <paramref name="DeleteData"/> with
/// <see cref="StageMode.Remove"/> (it only matters to a resource that holds data).
/// </summary>
public sealed record StageArguments<TPlan>(
    Guid RunId, string Environment, TPlan Plan, StageMode Mode = StageMode.Ensure, string? AbandonReason = null,
    bool DeleteData = false)
    where TPlan : class;
