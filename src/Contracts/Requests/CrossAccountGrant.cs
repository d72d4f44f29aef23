namespace Provisioner.Contracts;

public sealed record CrossAccountGrant
{
    public string Principal { get; init; } = "";
    public string Permissions { get; init; } = "read-only";
    public GrantConditions? Conditions { get; init; }
}
