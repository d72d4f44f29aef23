namespace Provisioner.Worker.Stages;

/// <summary>Compensation refused to delete something it made because deleting would destroy data.</summary>
public sealed class ResourceRetainedException(string kind, string name, string reason)
    : Exception($"{kind} '{name}' was retained: {reason}")
{
    public string Kind { get; } = kind;
    public string Name { get; } = name;
}
