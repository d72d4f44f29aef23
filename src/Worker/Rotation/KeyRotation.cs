using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources.AccessKey;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// One rotation of an environment's key, for the consumer and the CLI alike: refused unless the environment was
/// provisioned in access-key mode and no run is in progress; each step is reported through <c>publish</c>.
/// </summary>
public sealed class KeyRotation(SagaTable sagas, AccessKeyRotator rotator, IOptions<AccessKeyOptions> options, TimeProvider clock)
{
    public const string RunningState = "Running";

    /// <returns>Null when rotated; otherwise why not.</returns>
    public async Task<string?> RunAsync(RotateAccessKey command, Func<object, Task> publish, CancellationToken ct)
    {
        var saga = await sagas.LoadAsync(ResourceNames.CorrelationId(command.Environment), ct);
        var refusal = saga switch
        {
            null => $"no environment named '{command.Environment}'",
            { CurrentState: RunningState } => "a run is in progress for the environment; rotate when it has finished",
            { Request: null } or { AccountId: null } => "the environment has never been provisioned",
            { Request.Access.Mode: not Planner.AccessKeyMode } => "the environment does not use access-key mode",
            _ => null,
        };
        if (refusal is not null)
        {
            await publish(new AccessKeyRotationRefused(command.RequestId, command.Environment, refusal, clock.GetUtcNow()));
            return refusal;
        }
        var plan = Planner.Plan(saga!.Request!, saga.RequestId, new PlanFacts(saga.AccountId!, saga.OidcIssuer ?? PlanFacts.UnknownIssuer)).AccessKey!;
        var (oldKey, newKey) = await rotator.ReplaceAsync(plan, command.Environment, ct);
        await publish(new AccessKeyCreated(command.RequestId, command.Environment, plan.UserName, newKey, clock.GetUtcNow()));
        // Pods read the Secret at start or on their own refresh: the old key stays usable for the grace period.
        await Task.Delay(options.Value.RotationGrace, clock, ct);
        if (oldKey is not null)
        {
            await rotator.DeactivateAsync(plan, oldKey, ct);
            await publish(new AccessKeyDeactivated(command.RequestId, command.Environment, plan.UserName, oldKey, clock.GetUtcNow()));
            await rotator.DeleteAsync(plan, oldKey, ct);
        }
        await publish(new AccessKeyRotated(command.RequestId, command.Environment, plan.UserName, oldKey, newKey, clock.GetUtcNow()));
        return null;
    }
}
