namespace Provisioner.Worker.Stages;

/// <summary>What every stage activity receives: its slice of the plan, and which request it runs for.</summary>
public sealed record StageArguments<TPlan>(Guid RequestId, string Environment, TPlan Plan)
    where TPlan : class;
