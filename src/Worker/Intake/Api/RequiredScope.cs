namespace Provisioner.Worker.Intake.Api;

/// <summary>Endpoint metadata: the route is served to a client holding any one of these scopes.</summary>
public sealed record RequiredScope(params string[] AnyOf)
{
    public override string ToString() => string.Join("' or '", AnyOf);
}
