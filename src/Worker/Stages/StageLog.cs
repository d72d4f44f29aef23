namespace Provisioner.Worker.Stages;

/// <summary>What compensation needs to undo a stage (the run, the plan), and what the saga records of it.</summary>
/// <param name="Keep">A drift repair's stage: compensation keeps what it put back.</param>
public sealed record StageLog<TPlan>(
    Guid RunId, string Environment, TPlan Plan, string Action, IReadOnlyDictionary<string, string> Outputs, Guid? CreatedBy, bool Keep = false)
    where TPlan : class;
