using MassTransit;

namespace Provisioner.Worker.Testing;

/// <summary>
/// The one place where test-only behaviour enters a stage's pipeline (<c>Testing:*</c>, every knob off by default):
/// nothing is added unless a knob is set. The mutation seam acts in the clients (<see cref="MutationSeamHandler"/>).
/// </summary>
public static class TestHooks
{
    public static void Apply(IRoutingSlipConfigurator slip, TestingOptions options)
    {
        if (options.StageDelay > TimeSpan.Zero) slip.UseFilter(new StageDelayFilter(options.StageDelay));
    }

    public static void Apply<TArguments>(IExecuteArgumentsConfigurator<TArguments> arguments, TestingOptions options) where TArguments : class
    {
        if (!string.IsNullOrEmpty(options.FailStage)) arguments.UseFilter(new FailStageFilter<TArguments>(options.FailStage));
    }
}
