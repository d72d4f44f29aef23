namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// One object found in a namespace: its kind as discovery names it, its name and labels, and the group and kind of the
/// object that controls it (its controller owner reference), if any.
/// </summary>
internal sealed record NamespacedObject(string Group, string Version, string Resource, string Kind, string Name,
    IReadOnlyDictionary<string, string> Labels, (string Group, string Kind)? Controller = null)
{
    public bool IsClaim => Group.Length == 0 && Resource == "persistentvolumeclaims";
}
