using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Hosting;

namespace Provisioner.Worker.Stages;

/// <summary>The endpoint of an execute-only stage activity (verify): the same limits, retry and fence as the others.</summary>
public sealed class ExecuteStageDefinition<TActivity, TArguments> : ExecuteActivityDefinition<TActivity, TArguments>
    where TActivity : class, IExecuteActivity<TArguments>
    where TArguments : class
{
    private readonly StageOptions options;
    private readonly ReplicaRunLimiter limiter;
    private readonly SupersededSlipFilter fence;
    private readonly int limit;

    public ExecuteStageDefinition(IOptions<StageOptions> options, IEnumerable<StageBinding> bindings, ReplicaRunLimiter limiter,
        SupersededSlipFilter fence)
    {
        (this.options, this.limiter, this.fence) = (options.Value, limiter, fence);
        limit = this.options.ConcurrencyOf(bindings.First(b => b.Activity == typeof(TActivity)).Stage);
        ConcurrentMessageLimit = limit;
    }

    protected override void ConfigureExecuteActivity(IReceiveEndpointConfigurator endpointConfigurator,
        IExecuteActivityConfigurator<TActivity, TArguments> executeActivityConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = limit;
        endpointConfigurator.UseMessageRetry(r => StageErrors.Configure(r, options.Retry));
        executeActivityConfigurator.RoutingSlip(slip =>
        {
            slip.UseFilter(limiter);
            slip.UseFilter(fence);
        });
    }
}
