using Provisioner.Contracts;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// An environment belongs to the tenant whose request first ran for it. A caller of another tenant is told what it
/// would be told of an environment that does not exist; an <c>admin</c> caller may act on every tenant's.
/// </summary>
public static class Tenancy
{
    public static Caller CallerOf(object message) => message switch
    {
        ProvisionEnvironment m => m.Caller,
        DeprovisionEnvironment m => m.Caller,
        RotateAccessKey m => m.Caller,
        GetEnvironmentStatus m => m.Caller,
        _ => null,
    } ?? Caller.Anonymous;

    /// <summary>
    /// Whose the environment is: its tenant; one that ran before tenants existed is the default tenant's (so no one else
    /// can claim it); one that never ran (a rejected request) is nobody's yet.
    /// </summary>
    public static string? OwnerOf(ProvisioningState saga) => saga.Tenant ?? (saga.HasRun ? Caller.DefaultTenant : null);

    /// <summary>The environment is another tenant's, and the caller may not act on other tenants' environments.</summary>
    public static bool IsForeign(ProvisioningState saga, Caller caller) =>
        OwnerOf(saga) is { } owner && !caller.Admin && !string.Equals(owner, caller.Tenant, StringComparison.Ordinal);

    public static bool IsForeign(ProvisioningState saga, object message) => IsForeign(saga, CallerOf(message));

    /// <summary>What a foreign caller hears: the same as for a name nobody has.</summary>
    public static string NoSuchEnvironment(string environment) => $"there is no environment named '{environment}'";

    /// <summary>What a foreign caller hears when asking to create one: the name is not free, and nothing more.</summary>
    public static string NameNotAvailable(string environment) => $"the name '{environment}' is not available; choose another";
}
