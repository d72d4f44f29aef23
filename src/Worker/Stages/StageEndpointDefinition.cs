using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Stages;

/// <summary>
/// The endpoints of every stage's activity: queues named after the stage, the stage's concurrency (prefetch no larger,
/// so a busy replica leaves messages to the others), bounded retry that never retries a terminal error, the
/// replica-wide run limit, the fence that drops stages of superseded attempts, and the test hooks when configured.
/// </summary>
public sealed class StageEndpointDefinition<TActivity, TArguments, TLog> : ActivityDefinition<TActivity, TArguments, TLog>
    where TActivity : class, IActivity<TArguments, TLog>
    where TArguments : class
    where TLog : class
{
    private readonly StageOptions options;
    private readonly ReplicaRunLimiter limiter;
    private readonly SupersededSlipFilter fence;
    private readonly TestingOptions testing;

    public StageEndpointDefinition(IOptions<StageOptions> options, IOptions<TestingOptions> testing, ReplicaRunLimiter limiter,
        SupersededSlipFilter fence)
    {
        (this.options, this.limiter, this.fence, this.testing) = (options.Value, limiter, fence, testing.Value);
        var stage = StageCatalogue.ForActivity(typeof(TActivity)).Name;
        var limit = this.options.ConcurrencyOf(stage);
        ConcurrentMessageLimit = limit;
        ExecuteEndpoint(e => (e.Name, e.ConcurrentMessageLimit, e.PrefetchCount) = (StageQueues.ExecuteName(stage), limit, limit));
        CompensateEndpoint(e => (e.Name, e.ConcurrentMessageLimit, e.PrefetchCount) = (StageQueues.CompensateName(stage), limit, limit));
    }

    protected override void ConfigureExecuteActivity(IReceiveEndpointConfigurator endpointConfigurator,
        IExecuteActivityConfigurator<TActivity, TArguments> executeActivityConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => StageErrors.Configure(r, options.Retry));
        executeActivityConfigurator.RoutingSlip(Gate);
        executeActivityConfigurator.Arguments(arguments => TestHooks.Apply(arguments, testing));
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
        TestHooks.Apply(slip, testing);
        slip.UseFilter(fence);
    }
}
