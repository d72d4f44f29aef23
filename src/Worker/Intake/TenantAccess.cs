using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake;

/// <summary>
/// The intake's side of tenancy, answered from the saga store before anything is published: which environments a caller
/// may see or act on, and whether a name is another tenant's. The saga checks again (<see cref="Tenancy"/>); this side
/// makes a foreign name indistinguishable from a missing one at once, with nothing on the bus.
/// </summary>
public sealed class TenantAccess(SagaTable table)
{
    /// <summary>
    /// The caller's view of an environment. An environment that ran before tenants existed has no tenant: it is the
    /// default tenant's. One that never ran has none either and shows only to admins: its requests were refused.
    /// </summary>
    public static bool CanSee(ProvisioningState saga, Caller caller) =>
        caller.Admin || string.Equals(Tenancy.OwnerOf(saga), caller.Tenant, StringComparison.Ordinal);

    /// <summary>The environment, when it exists and the caller may see it; else null — never saying which of the two it was.</summary>
    public async Task<ProvisioningState?> FindAsync(string environment, Caller caller, CancellationToken ct)
    {
        if (NameRules.DnsLabel(environment, ResourceNames.MaxEnvironmentLength).Any()) return null; // cannot exist; never looked up
        var saga = await table.LoadAsync(ResourceNames.CorrelationId(environment), ct);
        return saga is not null && CanSee(saga, caller) ? saga : null;
    }

    public async Task<IReadOnlyList<ProvisioningState>> ListAsync(IReadOnlyList<string>? states, Caller caller, CancellationToken ct) =>
        (await table.ListAsync(states, ct)).Where(s => CanSee(s, caller)).ToList();

    /// <summary>
    /// Why the caller may not send this request for its environment, before anything is published: the name is another
    /// tenant's (said as nothing more than "not available"), or it changes what the environment's first run pinned.
    /// </summary>
    public async Task<IReadOnlyList<RequestProblem>> ProblemsAsync(EnvironmentRequest request, Caller caller, CancellationToken ct)
    {
        var saga = await table.LoadAsync(ResourceNames.CorrelationId(request.Environment), ct);
        if (saga is null) return [];
        if (Tenancy.IsForeign(saga, caller))
            return [new RequestProblem("environment", Tenancy.NameNotAvailable(request.Environment))];
        return Pinning.Problems(saga.Applied, request).ToList();
    }
}
