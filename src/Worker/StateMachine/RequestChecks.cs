using MassTransit;
using Provisioner.Contracts;
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
    public static bool IsDuplicate<T>(BehaviorContext<ProvisioningState, T> c) where T : class => c.Saga.Known is not null;

    public static bool IsNew<T>(BehaviorContext<ProvisioningState, T> c) where T : class => c.Saga.Known is null;

    public static bool IsInvalid(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) => !IsDuplicate(c) && ProblemsOf(c).Count > 0;

    public static bool IsNewAndValid(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) => !IsDuplicate(c) && ProblemsOf(c).Count == 0;

    /// <summary>Every problem of the request, before any cloud call.</summary>
    public static IReadOnlyList<RequestProblem> ProblemsOf(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        c.GetOrAddPayload(() => new Validated(RequestValidator.Validate(c.Message.Request,
            c.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow()))).Problems;

    private sealed record Validated(IReadOnlyList<RequestProblem> Problems);
}
