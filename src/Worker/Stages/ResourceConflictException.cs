namespace Provisioner.Worker.Stages;

/// <summary>The name is taken by something that is not ours: terminal, never adopted implicitly.</summary>
public sealed class ResourceConflictException(string kind, string name, string reason)
    : Exception($"{kind} '{name}' already exists and {reason}; choose another name or remove it")
{
    public string Kind { get; } = kind;
    public string Name { get; } = name;
}
