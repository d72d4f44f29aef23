namespace Provisioner.Worker.Stages;

/// <summary>What compensation needs to undo a stage, and what the saga reports for it.</summary>
public sealed record StageLog<TPlan>(
    Guid RequestId, string Environment, TPlan Plan, string Action, IReadOnlyDictionary<string, string> Outputs)
    where TPlan : class;
