using Provisioner.Contracts;
using Provisioner.Worker.Intake;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Deprovisions an environment, named directly or by the request file that made it, through the saga in this process.
/// The bucket and its data are kept unless <c>--delete-data</c> (or the file's <c>deleteData: true</c>) says otherwise.
/// Exit codes: 0 deprovisioned, 1 a removal failed or the environment is unknown, 2 invalid input, 4 timed out.
/// </summary>
public static class DestroyCommand
{
    public static async Task<int> RunAsync(string target, bool deleteData, bool jsonOutput, TimeSpan timeout, CancellationToken ct)
    {
        var environment = target;
        if (File.Exists(target))
        {
            try
            {
                var request = RequestReader.Parse(await File.ReadAllTextAsync(target, ct));
                (environment, deleteData) = (request.Environment, deleteData || request.DeleteData);
            }
            catch (RequestFormatException ex)
            {
                await Console.Error.WriteLineAsync($"error: {target}: {ex.Message}");
                return 2;
            }
        }
        var command = new DeprovisionEnvironment(Guid.NewGuid(), environment, deleteData) { Caller = Caller.Operator };
        return await InProcessRun.RunAsync(command, command.RequestId, environment, jsonOutput, timeout, ct);
    }
}
