using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Rotation;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Key rotation of a provisioned access-key environment: replace the key (new key in the Secret, pods rolled), wait
/// out the grace period, retire the old key. It holds the environment as a run does: runs are refused, a deprovision
/// waits for its end. The steps are consumers (<see cref="RotationSteps"/> is the saga's side of them).
/// </summary>
public sealed partial class ProvisioningStateMachine
{
    private void KeyRotation()
    {
        Event(() => RotateKey, x => x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment))
            .OnMissingInstance(m => m.ExecuteAsync(RotationSteps.RefuseUnknown)));
        Event(() => KeyReplaced, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => KeyRetired, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ReplaceFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => RetireFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => RotationResumed, x => x.CorrelateById(m => m.Message.CorrelationId));

        During(Provisioned,
            When(RotateKey, RotationSteps.CanStart).ThenAsync(RotationSteps.Start).TransitionTo(ReplacingKey),
            When(RotateKey, RotationSteps.IsRefused).ThenAsync(RotationSteps.RefuseNotAccessKeyMode));

        During([Running, RolledBack, CompensationFailed, Rejected, Deprovisioned, DeprovisionFailed, .. Rotating],
            When(RotateKey).ThenAsync(RotationSteps.RefuseInState));

        During(Rotating,
            When(Provision).ThenAsync(RotationSteps.RefuseRunWhileRotating),
            When(Deprovision, RequestChecks.IsNew).QueueDeprovision());

        During(ReplacingKey,
            When(KeyReplaced, c => c.Message.RotationId == c.Saga.Rotation!.Id).ThenAsync(RotationSteps.Replaced)
                .IfElse(c => RotationSteps.GraceIsOver(c.Saga), over => over.RetireOldKey(this), wait => wait.TransitionTo(KeyGracePeriod)),
            When(ReplaceFaulted, c => c.Message.Message.RotationId == c.Saga.Rotation!.Id).ThenAsync(RotationSteps.ReplaceFailed).EndRotation(this),
            When(RotationResumed, IsCurrentRotation).ThenAsync(RotationSteps.ReplaceAgain));

        During(KeyGracePeriod,
            When(RotationResumed, c => IsCurrentRotation(c) && RotationSteps.GraceIsOver(c.Saga)).RetireOldKey(this));

        During(RetiringKey,
            When(KeyRetired, c => c.Message.RotationId == c.Saga.Rotation!.Id).ThenAsync(RotationSteps.Retired).EndRotation(this),
            When(RetireFaulted, c => c.Message.Message.RotationId == c.Saga.Rotation!.Id).ThenAsync(RotationSteps.RetireFailed).EndRotation(this),
            When(RotationResumed, IsCurrentRotation).RetireOldKey(this));
    }

    /// <summary>A resume names the rotation and saga version its sender saw, so several sweepers move a rotation on once.</summary>
    private static bool IsCurrentRotation(BehaviorContext<ProvisioningState, ResumeRotation> c) =>
        c.Saga.Rotation?.Id == c.Message.RotationId && c.Saga.Version == c.Message.Version;

    public State[] Rotating => [ReplacingKey, KeyGracePeriod, RetiringKey];

    /// <summary>The stored names of the rotation states, for the store's queries.</summary>
    public static IReadOnlyList<string> RotationStates { get; } = [nameof(ReplacingKey), nameof(KeyGracePeriod), nameof(RetiringKey)];

    public static bool IsRotating(string storedState) => RotationStates.Contains(storedState);

    public State ReplacingKey { get; private set; } = null!;
    public State KeyGracePeriod { get; private set; } = null!;
    public State RetiringKey { get; private set; } = null!;

    public Event<RotateAccessKey> RotateKey { get; private set; } = null!;
    public Event<AccessKeyReplaced> KeyReplaced { get; private set; } = null!;
    public Event<AccessKeyRetired> KeyRetired { get; private set; } = null!;
    public Event<Fault<ReplaceAccessKey>> ReplaceFaulted { get; private set; } = null!;
    public Event<Fault<RetireAccessKey>> RetireFaulted { get; private set; } = null!;
    public Event<ResumeRotation> RotationResumed { get; private set; } = null!;
}
