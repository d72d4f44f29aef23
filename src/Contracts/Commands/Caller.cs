namespace Provisioner.Contracts;

/// <summary>
/// Who sent a command: the configured client, its tenant, and whether it may act on every tenant's environments
/// (scope <c>admin</c>). An environment belongs to the tenant of the request that first ran for it.
/// </summary>
public sealed record Caller(string Client, string Tenant, bool Admin)
{
    public const string DefaultTenant = "default";

    /// <summary>The CLI verbs: the operator, on the machine and the store the worker uses.</summary>
    public static readonly Caller Operator = new("operator", DefaultTenant, true);

    /// <summary>What a command without a caller is taken for: the default tenant, with no power over anyone else's.</summary>
    public static readonly Caller Anonymous = new("anonymous", DefaultTenant, false);
}
