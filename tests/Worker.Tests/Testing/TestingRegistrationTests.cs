using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Tests.Testing;

/// <summary>The crash knobs can never be switched on in a deployment by a stray setting: outside Testing they stop the start.</summary>
public sealed class TestingRegistrationTests
{
    [Theory]
    [InlineData("Testing:StageDelay", "00:00:01")]
    [InlineData("Testing:CrashBeforeMutation", "3")]
    [InlineData("Testing:CrashAfterMutation", "3")]
    [InlineData("Testing:RecordMutations", "true")]
    [InlineData("Testing:FailStage", "verify")]
    public void Knob_OutsideTheTestingEnvironment_Refused(string key, string value)
    {
        foreach (var environment in new[] { Environments.Production, Environments.Development })
        {
            using var services = Build(environment, new() { [key] = value });

            var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TestingOptions>>().Value);

            Assert.Contains(ex.Failures, f => f.Contains("refused unless DOTNET_ENVIRONMENT is Testing"));
        }
    }

    [Fact]
    public void Knob_InTheTestingEnvironment_BoundAndTheSeamWatches()
    {
        using var services = Build(TestingOptions.Environment, new() { ["Testing:CrashAfterMutation"] = "4", ["Testing:FailStage"] = "verify" });

        var options = services.GetRequiredService<IOptions<TestingOptions>>().Value;

        Assert.Equal((4, "verify"), (options.CrashAfterMutation, options.FailStage));
        Assert.NotNull(services.GetService<MutationSeam>());
    }

    [Fact]
    public void NoKnob_NoSeamAnywhere()
    {
        using var services = Build(Environments.Production, []);

        Assert.False(services.GetRequiredService<IOptions<TestingOptions>>().Value.AnySet);
        Assert.Null(services.GetService<MutationSeam>());
    }

    [Fact]
    public void Seam_RecordsEveryMutationWithItsNumber()
    {
        var output = new StringWriter();
        var seam = new MutationSeam(new TestingOptions { RecordMutations = true }, output);

        Assert.Equal(1, seam.Before("PUT s3 /bucket"));
        Assert.Equal(2, seam.Before("POST iam CreateRole"));

        Assert.Equal([$"{MutationSeam.Marker} #1: PUT s3 /bucket", $"{MutationSeam.Marker} #2: POST iam CreateRole"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static ServiceProvider Build(string environment, Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment })
            .AddProvisionerTesting()
            .BuildServiceProvider();
}
