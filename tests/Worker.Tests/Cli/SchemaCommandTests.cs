using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Cli;

/// <summary>The <c>schema</c> verb of the built program.</summary>
public sealed class SchemaCommandTests
{
    [Fact]
    public async Task Run_SchemaVerb_PrintsTheRequestSchemaOnly()
    {
        using var scratch = new ScratchDirectory();

        var result = await WorkerProcess.RunAsync(scratch.Path, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), "schema");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(RequestSchema.Text.TrimEnd(), result.StandardOutput.TrimEnd());
    }
}
