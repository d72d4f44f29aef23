using Provisioner.Contracts;
using Provisioner.Worker.Intake;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// Waits for an environment's stored state to change, so a client learns an outcome without polling: this replica's
/// saga writes wake the waiter at once (<see cref="SagaChangeSignal"/>), another replica's within <see cref="Recheck"/>.
/// </summary>
public sealed class StatusWatch(TenantAccess tenants, SagaChangeSignal changes, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a <c>?wait=</c> holds a request: a proxy in front may cut longer ones.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>A run, deprovisioning or rotation is under way: the status will change without a new request.</summary>
    public static bool InProgress(ProvisioningState saga) =>
        StatusDocument.StateName(saga) is "running" or EnvironmentStates.Deprovisioning or EnvironmentStates.Rotating;

    /// <summary>
    /// The environment once its version is no longer <paramref name="seen"/>, or as it is when <paramref name="timeout"/>
    /// is up; null when it does not exist for <paramref name="caller"/> (any more).
    /// </summary>
    public async Task<ProvisioningState?> NextAsync(string environment, Caller caller, int seen, TimeSpan timeout, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + timeout;
        while (true)
        {
            var wake = changes.Next;
            var saga = await tenants.FindAsync(environment, caller, ct);
            var left = until - clock.GetUtcNow();
            if (saga is null || saga.Version != seen || left <= TimeSpan.Zero) return saga;
            await Task.WhenAny(wake, Task.Delay(left < Recheck ? left : Recheck, clock, ct));
            ct.ThrowIfCancellationRequested();
        }
    }
}
