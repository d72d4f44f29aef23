namespace Provisioner.Worker.SagaStore;

/// <summary>One resource as a run acts on it: the run, the environment, the stage it belongs to and its name.</summary>
public sealed record ResourceKey(Guid RunId, string Environment, string Stage, string Name);
