using MassTransit;

namespace Provisioner.Worker.Testing;

/// <summary>
/// The one place where test-only behaviour enters the worker (<c>Testing:*</c>, every knob off by default): nothing is
/// added to a stage's pipeline unless a knob is set.
/// </summary>
public static class TestHooks
{
    public static void Apply(IRoutingSlipConfigurator slip, TestingOptions options)
    {
        if (options.StageDelay > TimeSpan.Zero) slip.UseFilter(new StageDelayFilter(options.StageDelay));
    }
}
