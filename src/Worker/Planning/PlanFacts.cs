namespace Provisioner.Worker.Planning;

/// <summary>What the plan needs from the world: observed once per run (or the placeholders <c>plan</c> prints).</summary>
public sealed record PlanFacts(string AccountId, string OidcIssuer)
{
    public const string UnknownAccount = "<account-id>";
    public const string UnknownIssuer = "https://<oidc-issuer>";
}
