using Provisioner.Contracts;
using Provisioner.Worker.Intake;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Runs one request through the same saga and activities as the worker, in this process, and waits for its outcome.
/// Exit codes: 0 provisioned, 1 rolled back, 2 invalid request, 3 compensation left resources behind, 4 timed out.
/// </summary>
public static class ApplyCommand
{
    public static async Task<int> RunAsync(string file, bool jsonOutput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ProvisionEnvironment command;
        try
        {
            command = RequestReader.ToCommand(RequestReader.Parse(await File.ReadAllTextAsync(file, cancellationToken))) with { Caller = Caller.Operator };
        }
        catch (Exception ex) when (ex is RequestFormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {file}: {ex.Message}");
            return 2;
        }

        return await InProcessRun.RunAsync(command, command.RequestId, command.Request.Environment, jsonOutput, timeout, cancellationToken);
    }
}
