using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// The saga's side of a key rotation: replace (new key into the Secret, workloads rolled), wait out the grace period,
/// retire the old key. The steps' work is done by consumers; the saga's rotation states decide what comes next, and
/// these publish the commands and events.
/// </summary>
public static class RotationSteps
{
    /// <summary>A new rotation of an access-key environment (a duplicate of the last one is not a new rotation).</summary>
    public static bool CanStart(BehaviorContext<ProvisioningState, RotateAccessKey> c) =>
        !RequestChecks.IsForeign(c) && c.Saga.LastRotationId != c.Message.RequestId && ReplaceCommand(c.Saga, c.Message.RequestId) is not null;

    public static bool IsRefused(BehaviorContext<ProvisioningState, RotateAccessKey> c) =>
        !RequestChecks.IsForeign(c) && c.Saga.LastRotationId != c.Message.RequestId && ReplaceCommand(c.Saga, c.Message.RequestId) is null;

    public static Task Start(BehaviorContext<ProvisioningState, RotateAccessKey> c)
    {
        var replace = ReplaceCommand(c.Saga, c.Message.RequestId)!;
        c.Saga.Rotation = new KeyRotation { Id = c.Message.RequestId, UserName = replace.Plan.UserName };
        return c.Publish(replace);
    }

    public static Task RefuseNotAccessKeyMode(BehaviorContext<ProvisioningState, RotateAccessKey> c) =>
        Refuse(c, c.Message.RequestId, "the environment does not use access-key mode");

    public static Task RefuseUnknown(ConsumeContext<RotateAccessKey> c) =>
        c.PublishEvent(new AccessKeyRotationRefused(c.Message.RequestId, c.Message.Environment, Tenancy.NoSuchEnvironment(c.Message.Environment),
            DateTimeOffset.UtcNow));

    /// <summary>Another tenant's environment: refused as if it did not exist.</summary>
    public static Task RefuseForeign(BehaviorContext<ProvisioningState, RotateAccessKey> c) =>
        c.PublishEvent(new AccessKeyRotationRefused(c.Message.RequestId, c.Message.Environment, Tenancy.NoSuchEnvironment(c.Message.Environment),
            DateTimeOffset.UtcNow));

    /// <summary>Anything but a provisioned environment refuses a rotation, saying why; a duplicate of one under way gets nothing.</summary>
    public static Task RefuseInState(BehaviorContext<ProvisioningState, RotateAccessKey> c)
    {
        var saga = c.Saga;
        if (RequestChecks.IsForeign(c)) return Task.CompletedTask;
        var reason = saga.CurrentState switch
        {
            nameof(ProvisioningStateMachine.Running) =>
                $"a run for '{saga.Environment}' is in progress (request {saga.Run.RequestId}); rotate when it has finished",
            _ when !ProvisioningStateMachine.IsRotating(saga.CurrentState) =>
                $"the environment is {StatusDocument.StateName(saga)}; only a provisioned environment's key can be rotated",
            _ when saga.Rotation?.Id == c.Message.RequestId => null,
            _ => $"a rotation of '{saga.Environment}' is in progress (request {saga.Rotation?.Id})",
        };
        return reason is null || saga.LastRotationId == c.Message.RequestId ? Task.CompletedTask : Refuse(c, c.Message.RequestId, reason);
    }

    /// <summary>A duplicate of an earlier request still gets that request's outcome; a new one is refused.</summary>
    public static Task RefuseRunWhileRotating(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        RequestChecks.IsForeign(c) ? Task.CompletedTask
        : RequestChecks.IsDuplicate(c)
            ? RunRecorder.RepeatOutcome(c)
            : c.PublishEvent(new EnvironmentRequestRejected(c.Message.RequestId, c.Saga.Environment,
                [new RequestProblem("environment", $"a key rotation of '{c.Saga.Environment}' is in progress (request {c.Saga.Rotation?.Id}); retry when it has finished")],
                DateTimeOffset.UtcNow), c.Message.Request.Ticket);

    public static Task Replaced(BehaviorContext<ProvisioningState, AccessKeyReplaced> c)
    {
        var (saga, m, rotation) = (c.Saga, c.Message, c.Saga.Rotation!);
        (rotation.OldKeyId, rotation.NewKeyId, rotation.GraceUntil) = (m.OldKeyId, m.NewKeyId, m.GraceUntil);
        return c.PublishEvent(new AccessKeyCreated(rotation.Id, saga.Environment, rotation.UserName, m.NewKeyId, m.RestartedWorkloads, m.GraceUntil, m.At));
    }

    /// <summary>A stalled replacement is sent again: it is idempotent per rotation.</summary>
    public static Task ReplaceAgain(BehaviorContext<ProvisioningState> c) =>
        ReplaceCommand(c.Saga, c.Saga.Rotation!.Id) is { } replace ? c.Publish(replace) : Task.CompletedTask;

    public static bool GraceIsOver(ProvisioningState saga) => saga.Rotation?.GraceUntil <= DateTimeOffset.UtcNow;

    public static bool HasKeyToRetire(ProvisioningState saga) => saga.Rotation?.OldKeyId is not null && RetireCommand(saga) is not null;

    public static Task Retire(BehaviorContext<ProvisioningState> c) => c.Publish(RetireCommand(c.Saga)!);

    public static async Task Retired(BehaviorContext<ProvisioningState, AccessKeyRetired> c)
    {
        var (saga, m, rotation) = (c.Saga, c.Message, c.Saga.Rotation!);
        await c.PublishEvent(new AccessKeyDeactivated(rotation.Id, saga.Environment, rotation.UserName, m.OldKeyId, m.DeactivatedAt));
        await Finish(c, m.DeletedAt);
    }

    /// <summary>A rotation with no old key to retire is done once the Secret holds the new one.</summary>
    public static Task FinishWithoutRetiring(BehaviorContext<ProvisioningState> c) => Finish(c, DateTimeOffset.UtcNow);

    /// <summary>A step that failed after its retries ends the rotation: the Secret holds a working key either way.</summary>
    public static Task ReplaceFailed(BehaviorContext<ProvisioningState, Fault<ReplaceAccessKey>> c) =>
        Fail(c, $"the key could not be replaced: {c.Message.Exceptions.FirstOrDefault()?.Message ?? "unknown error"}");

    public static Task RetireFailed(BehaviorContext<ProvisioningState, Fault<RetireAccessKey>> c)
    {
        var rotation = c.Saga.Rotation!;
        return Fail(c, $"the Secret holds the new key {rotation.NewKeyId}, but the old key {rotation.OldKeyId} could not be removed: " +
            $"{c.Message.Exceptions.FirstOrDefault()?.Message ?? "unknown error"}; the next rotation removes it");
    }

    private static async Task Fail(BehaviorContext<ProvisioningState> c, string detail)
    {
        await Refuse(c, c.Saga.Rotation!.Id, detail);
        End(c.Saga);
    }

    private static async Task Finish(BehaviorContext<ProvisioningState> c, DateTimeOffset at)
    {
        var (saga, rotation) = (c.Saga, c.Saga.Rotation!);
        await c.PublishEvent(new AccessKeyRotated(rotation.Id, saga.Environment, rotation.UserName, rotation.OldKeyId, rotation.NewKeyId!, at));
        End(saga);
    }

    private static void End(ProvisioningState saga) => (saga.LastRotationId, saga.Rotation) = (saga.Rotation!.Id, null);

    private static Task Refuse(BehaviorContext<ProvisioningState> c, Guid rotationId, string reason) =>
        c.PublishEvent(new AccessKeyRotationRefused(rotationId, c.Saga.Environment, reason, DateTimeOffset.UtcNow));

    private static ReplaceAccessKey? ReplaceCommand(ProvisioningState saga, Guid rotationId) =>
        AccessKeyPlanOf(saga) is { AccessKey: { } key } plan
            ? new ReplaceAccessKey(saga.CorrelationId, rotationId, saga.Environment, key, plan.Helm?.Release)
            : null;

    private static RetireAccessKey? RetireCommand(ProvisioningState saga) =>
        saga.Rotation is { OldKeyId: { } oldKey } rotation && AccessKeyPlanOf(saga)?.AccessKey is { } plan
            ? new RetireAccessKey(saga.CorrelationId, rotation.Id, saga.Environment, plan, oldKey)
            : null;

    private static EnvironmentPlan? AccessKeyPlanOf(ProvisioningState saga) =>
        saga.Applied?.Request.Access.Mode == Planner.AccessKeyMode ? RunPlan.Applied(saga) : null;
}
