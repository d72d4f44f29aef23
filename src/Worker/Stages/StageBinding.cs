namespace Provisioner.Worker.Stages;

/// <summary>Which stage an activity type works on, so its endpoint gets that stage's limits.</summary>
public sealed record StageBinding(Type Activity, string Stage);
