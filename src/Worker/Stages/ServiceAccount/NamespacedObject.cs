namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>One object found in a namespace: its kind as discovery names it, its name and labels.</summary>
internal sealed record NamespacedObject(string Group, string Version, string Resource, string Kind, string Name, IReadOnlyDictionary<string, string> Labels)
{
    public bool IsClaim => Group.Length == 0 && Resource == "persistentvolumeclaims";
}
