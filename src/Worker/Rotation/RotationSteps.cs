using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// The saga's side of a key rotation: replace (new key into the Secret, workloads rolled), wait out the grace period,
/// retire the old key. The steps' work is done by consumers; the saga decides what comes next and publishes the events.
/// </summary>
public static class RotationSteps
{
    /// <summary>Only a provisioned access-key environment rotates; anything else gets a refusal that says why.</summary>
    public static async Task Start(BehaviorContext<ProvisioningState, RotateAccessKey> c)
    {
        var saga = c.Saga;
        if (saga.LastRotationId == c.Message.RequestId) return; // a duplicate of a rotation that has ended
        if (ReplaceCommand(saga, c.Message.RequestId) is not { } replace)
        {
            await Refuse(c, c.Message.RequestId, "the environment does not use access-key mode");
            return;
        }
        saga.Rotation = new KeyRotation { Id = c.Message.RequestId, UserName = replace.Plan.UserName };
        await c.Publish(replace);
    }

    public static Task RefuseInState(BehaviorContext<ProvisioningState, RotateAccessKey> c)
    {
        var saga = c.Saga;
        var reason = saga.CurrentState switch
        {
            "Running" => $"a run for '{saga.Environment}' is in progress (request {saga.RequestId}); rotate when it has finished",
            "Rotating" when saga.Rotation?.Id == c.Message.RequestId => null, // a duplicate of the rotation in progress
            "Rotating" => $"a rotation of '{saga.Environment}' is in progress (request {saga.Rotation?.Id})",
            _ => $"the environment is {StatusDocument.StateName(saga)}; only a provisioned environment's key can be rotated",
        };
        return reason is null || saga.LastRotationId == c.Message.RequestId ? Task.CompletedTask : Refuse(c, c.Message.RequestId, reason);
    }

    /// <summary>A duplicate of an earlier request still gets that request's outcome; a new one is refused.</summary>
    public static Task RefuseRunWhileRotating(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        c.Saga.History.LastOrDefault(h => h.RequestId == c.Message.RequestId) is { } earlier
            ? RunRecorder.PublishOutcome(c, earlier.RequestId, earlier.Outcome)
            : c.Publish(new EnvironmentRequestRejected(c.Message.RequestId, c.Saga.Environment,
                [new RequestProblem("environment", $"a key rotation of '{c.Saga.Environment}' is in progress (request {c.Saga.Rotation?.Id}); retry when it has finished")],
                DateTimeOffset.UtcNow));

    public static async Task Replaced(BehaviorContext<ProvisioningState, AccessKeyReplaced> c)
    {
        var (saga, m) = (c.Saga, c.Message);
        var rotation = saga.Rotation!;
        (rotation.OldKeyId, rotation.NewKeyId, rotation.GraceUntil, rotation.Step) = (m.OldKeyId, m.NewKeyId, m.GraceUntil, KeyRotation.Grace);
        await c.Publish(new AccessKeyCreated(rotation.Id, saga.Environment, rotation.UserName, m.NewKeyId, m.RestartedWorkloads,
            m.GraceUntil, m.At));
        if (m.GraceUntil <= DateTimeOffset.UtcNow) await Retire(c);
    }

    /// <summary>A stalled step is sent again (each is idempotent); a grace period that is over moves on to retiring.</summary>
    public static async Task Resume(BehaviorContext<ProvisioningState, ResumeRotation> c)
    {
        var saga = c.Saga;
        var rotation = saga.Rotation!;
        switch (rotation.Step)
        {
            case KeyRotation.Replacing when ReplaceCommand(saga, rotation.Id) is { } replace:
                await c.Publish(replace);
                break;
            case KeyRotation.Grace when rotation.GraceUntil <= DateTimeOffset.UtcNow:
            case KeyRotation.Retiring:
                await Retire(c);
                break;
        }
    }

    public static async Task Retired(BehaviorContext<ProvisioningState, AccessKeyRetired> c)
    {
        var (saga, m) = (c.Saga, c.Message);
        var rotation = saga.Rotation!;
        await c.Publish(new AccessKeyDeactivated(rotation.Id, saga.Environment, rotation.UserName, m.OldKeyId, m.DeactivatedAt));
        await Finish(c, m.DeletedAt);
    }

    /// <summary>A step that failed after its retries ends the rotation: the Secret holds a working key either way.</summary>
    public static async Task Failed<T>(BehaviorContext<ProvisioningState, Fault<T>> c) where T : class
    {
        var saga = c.Saga;
        var rotation = saga.Rotation!;
        var reason = c.Message.Exceptions.FirstOrDefault()?.Message ?? "unknown error";
        var detail = rotation.Step == KeyRotation.Retiring
            ? $"the Secret holds the new key {rotation.NewKeyId}, but the old key {rotation.OldKeyId} could not be removed: {reason}; the next rotation removes it"
            : $"the key could not be replaced: {reason}";
        await Refuse(c, rotation.Id, detail);
        End(saga);
    }

    private static async Task Retire(BehaviorContext<ProvisioningState> c)
    {
        var saga = c.Saga;
        var rotation = saga.Rotation!;
        if (rotation.OldKeyId is null || PlanOf(saga)?.AccessKey is not { } plan)
        {
            await Finish(c, DateTimeOffset.UtcNow);
            return;
        }
        rotation.Step = KeyRotation.Retiring;
        await c.Publish(new RetireAccessKey(saga.CorrelationId, rotation.Id, saga.Environment, plan, rotation.OldKeyId));
    }

    private static async Task Finish(BehaviorContext<ProvisioningState> c, DateTimeOffset at)
    {
        var saga = c.Saga;
        var rotation = saga.Rotation!;
        await c.Publish(new AccessKeyRotated(rotation.Id, saga.Environment, rotation.UserName, rotation.OldKeyId, rotation.NewKeyId!, at));
        End(saga);
    }

    private static void End(ProvisioningState saga)
    {
        saga.LastRotationId = saga.Rotation!.Id;
        saga.Rotation = null;
    }

    private static Task Refuse(BehaviorContext<ProvisioningState> c, Guid rotationId, string reason) =>
        c.Publish(new AccessKeyRotationRefused(rotationId, c.Saga.Environment, reason, DateTimeOffset.UtcNow));

    private static ReplaceAccessKey? ReplaceCommand(ProvisioningState saga, Guid rotationId) =>
        PlanOf(saga) is { AccessKey: { } key } plan
            ? new ReplaceAccessKey(saga.CorrelationId, rotationId, saga.Environment, key, plan.Helm?.Release)
            : null;

    private static EnvironmentPlan? PlanOf(ProvisioningState saga) =>
        saga is { Request: { Access.Mode: Planner.AccessKeyMode } request, AccountId: { } account }
            ? Planner.Plan(request, saga.RequestId, new PlanFacts(account, saga.OidcIssuer ?? PlanFacts.UnknownIssuer))
            : null;
}
