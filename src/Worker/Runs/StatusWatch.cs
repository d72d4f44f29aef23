using Provisioner.Contracts;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// Waits for an environment's stored state to change, so a client learns an outcome without polling: this replica's
/// saga writes wake the waiter at once (<see cref="SagaChangeSignal"/>), another replica's within <see cref="Recheck"/>.
/// </summary>
public sealed class StatusWatch
{
    private readonly TenantAccess tenants;
    private readonly SagaChangeSignal changes;
    private readonly TimeProvider clock;

    public StatusWatch(TenantAccess tenants, SagaChangeSignal changes, TimeProvider clock) =>
        (this.tenants, this.changes, this.clock) = (tenants, changes, clock);

    public static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest a <c>?wait=</c> holds a request: a proxy in front may cut longer ones.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>A run, deprovisioning or rotation is under way: the status will change without a new request.</summary>
    public static bool InProgress(ProvisioningState saga) =>
        StatusDocument.StateName(saga) is "running" or EnvironmentStates.Deprovisioning or EnvironmentStates.Rotating;

    /// <summary>One caller following one environment: a request's reads, each one taken under a wait for the next write.</summary>
    public Follower Follow(string environment, Caller caller) => new(this, environment, caller);

    /// <summary>
    /// Reads the environment as <see cref="Follow"/>'s caller sees it, always after subscribing to its next write, so
    /// a write that lands between a read and the wait after it still ends that wait, and each change costs one read.
    /// </summary>
    public sealed class Follower : IDisposable
    {
        private readonly StatusWatch watch;
        private readonly string environment;
        private readonly Caller caller;
        private readonly Guid correlationId;
        private SagaChangeSignal.Subscription? change;

        internal Follower(StatusWatch watch, string environment, Caller caller)
        {
            (this.watch, this.environment, this.caller) = (watch, environment, caller);
            correlationId = ResourceNames.CorrelationId(environment);
        }

        /// <summary>The environment now; null when it does not exist for the caller.</summary>
        public Task<ProvisioningState?> LoadAsync(CancellationToken ct)
        {
            change?.Dispose();
            change = watch.changes.Subscribe(correlationId);
            return watch.tenants.FindAsync(environment, caller, ct);
        }

        /// <summary>
        /// The environment once its version is no longer <paramref name="seen"/> (null: once it exists for the caller),
        /// or as it is when <paramref name="timeout"/> is up; null when it does not exist for the caller (any more, or
        /// yet). Another tenant's environment never exists for the caller, so a wait on it ends exactly as one on a name
        /// nobody uses: at the timeout. Call after <see cref="LoadAsync"/> has shown <paramref name="seen"/>.
        /// </summary>
        public async Task<ProvisioningState?> NextAsync(int? seen, TimeSpan timeout, CancellationToken ct)
        {
            var until = watch.clock.GetUtcNow() + timeout;
            while (true)
            {
                var left = until - watch.clock.GetUtcNow();
                if (left > TimeSpan.Zero)
                {
                    await Task.WhenAny(change?.Changed ?? Task.CompletedTask, Task.Delay(left < Recheck ? left : Recheck, watch.clock, ct));
                    ct.ThrowIfCancellationRequested();
                }
                var saga = await LoadAsync(ct);
                if (saga?.Version != seen || watch.clock.GetUtcNow() >= until) return saga;
            }
        }

        public void Dispose() => change?.Dispose();
    }
}
