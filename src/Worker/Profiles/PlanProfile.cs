namespace Provisioner.Worker.Profiles;

/// <summary>The profile a plan was made under, and each request field it set (field → the value the profile forced).</summary>
public sealed record PlanProfile(string Name, IReadOnlyDictionary<string, string> Forced);
