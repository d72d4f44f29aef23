using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Stages;

/// <summary>
/// The endpoints of one stage activity: its stage's concurrency (prefetch no larger, so a busy replica leaves messages
/// to the others), bounded retry that never retries a terminal error, the replica-wide run limit, and the fence that
/// drops stages of superseded attempts.
/// </summary>
public sealed class StageActivityDefinition<TActivity, TArguments, TLog> : ActivityDefinition<TActivity, TArguments, TLog>
    where TActivity : class, IActivity<TArguments, TLog>
    where TArguments : class
    where TLog : class
{
    private readonly StageOptions options;
    private readonly ReplicaRunLimiter limiter;
    private readonly SupersededSlipFilter fence;
    private readonly TimeSpan delay;

    public StageActivityDefinition(IOptions<StageOptions> options, IOptions<TestingOptions> testing, IEnumerable<StageBinding> bindings,
        ReplicaRunLimiter limiter, SupersededSlipFilter fence)
    {
        (this.options, this.limiter, this.fence, delay) = (options.Value, limiter, fence, testing.Value.StageDelay);
        var limit = this.options.ConcurrencyOf(bindings.Single(b => b.Activity == typeof(TActivity)).Stage);
        ConcurrentMessageLimit = limit;
        ExecuteEndpoint(e => (e.ConcurrentMessageLimit, e.PrefetchCount) = (limit, limit));
        CompensateEndpoint(e => (e.ConcurrentMessageLimit, e.PrefetchCount) = (limit, limit));
    }

    protected override void ConfigureExecuteActivity(IReceiveEndpointConfigurator endpointConfigurator,
        IExecuteActivityConfigurator<TActivity, TArguments> executeActivityConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => StageErrors.Configure(r, options.Retry));
        executeActivityConfigurator.RoutingSlip(Gate);
    }

    protected override void ConfigureCompensateActivity(IReceiveEndpointConfigurator endpointConfigurator,
        ICompensateActivityConfigurator<TActivity, TLog> compensateActivityConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => StageErrors.Configure(r, options.Retry));
        compensateActivityConfigurator.RoutingSlip(Gate);
    }

    private void Gate(IRoutingSlipConfigurator slip)
    {
        slip.UseFilter(limiter);
        if (delay > TimeSpan.Zero) slip.UseFilter(new StageDelayFilter(delay));
        slip.UseFilter(fence);
    }
}
