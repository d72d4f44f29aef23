namespace Provisioner.Worker.Stages;

/// <summary>What compensation needs to undo a stage (the run, the plan), and what the saga records of it.</summary>
public sealed record StageLog<TPlan>(
    Guid RunId, string Environment, TPlan Plan, string Action, IReadOnlyDictionary<string, string> Outputs, Guid? CreatedBy)
    where TPlan : class;
