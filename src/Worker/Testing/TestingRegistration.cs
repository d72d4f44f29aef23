namespace Provisioner.Worker.Testing;

public static class TestingRegistration
{
    /// <summary><c>Testing</c>: knobs for the crash tests, every one off by default; <see cref="TestHooks"/> is where they act.</summary>
    public static IServiceCollection AddProvisionerTesting(this IServiceCollection services)
    {
        services.AddOptions<TestingOptions>().BindConfiguration(TestingOptions.Section);
        return services;
    }
}
