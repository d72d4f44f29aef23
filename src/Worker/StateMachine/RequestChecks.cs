using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// What a provisioning request is before it may start a run: a duplicate of one accepted before (ever: request ids are
/// kept for good), invalid, or new and valid. The filters of the state machine's <c>When(Provision, …)</c>; the request
/// is validated once per message.
/// </summary>
public static class RequestChecks
{
    /// <summary>The message's request id was accepted before (its record is loaded with the saga).</summary>
    public static bool IsDuplicate<T>(BehaviorContext<ProvisioningState, T> c) where T : class => !IsForeign(c) && c.Saga.Known is not null;

    public static bool IsNew<T>(BehaviorContext<ProvisioningState, T> c) where T : class => !IsForeign(c) && c.Saga.Known is null;

    /// <summary>From a caller of another tenant: answered as if the environment did not exist, and nothing else happens.</summary>
    public static bool IsForeign<T>(BehaviorContext<ProvisioningState, T> c) where T : class => Tenancy.IsForeign(c.Saga, c.Message);

    public static bool IsInvalid(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) => IsNew(c) && ProblemsOf(c).Count > 0;

    public static bool IsNewAndValid(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) => IsNew(c) && ProblemsOf(c).Count == 0;

    /// <summary>Every problem of the request, before any cloud call, the identity it may not change included.</summary>
    public static IReadOnlyList<RequestProblem> ProblemsOf(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        c.GetOrAddPayload(() => new Validated([.. RequestValidator.Validate(c.Message.Request, c.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow()),
            .. c.GetServiceOrCreateInstance<ProfileCatalog>().Problems(c.Message.Request, Tenancy.CallerOf(c.Message)),
            .. Pinning.Problems(c.Saga.Applied, c.Message.Request)])).Problems;

    private sealed record Validated(IReadOnlyList<RequestProblem> Problems);
}
