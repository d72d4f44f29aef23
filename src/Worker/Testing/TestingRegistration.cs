using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Testing;

public static class TestingRegistration
{
    /// <summary>
    /// <c>Testing</c>: knobs for the crash and failure tests, every one off by default and refused outside the
    /// <c>Testing</c> environment; <see cref="TestHooks"/> and the <see cref="MutationSeam"/> are where they act.
    /// </summary>
    public static IServiceCollection AddProvisionerTesting(this IServiceCollection services)
    {
        services.AddOptions<TestingOptions>().BindConfiguration(TestingOptions.Section)
            .Validate<IHostEnvironment>((o, host) => !o.AnySet || host.IsEnvironment(TestingOptions.Environment),
                "Testing:* settings are for the crash tests only: they are refused unless DOTNET_ENVIRONMENT is Testing")
            .ValidateOnStart();
        // Resolved with GetService: null (no seam anywhere) unless a knob watches mutations.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TestingOptions>>().Value is { WatchesMutations: true } options
            ? new MutationSeam(options)
            : null!);
        return services;
    }
}
