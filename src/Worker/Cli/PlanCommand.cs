using Provisioner.Worker.Intake;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Cli;

/// <summary>Prints the plan; no credentials, no network. Unknown facts are shown as placeholders.</summary>
public static class PlanCommand
{
    public static async Task<int> RunAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var command = RequestReader.ToCommand(RequestReader.Parse(await File.ReadAllTextAsync(file, cancellationToken)));
            var problems = RequestValidator.Validate(command.Request, DateTimeOffset.UtcNow);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await Console.Error.WriteLineAsync($"invalid: {problem}");
                return 2;
            }
            var request = command.Request;
            var facts = new PlanFacts(request.Aws.AccountId ?? PlanFacts.UnknownAccount, request.Kubernetes.OidcIssuer ?? PlanFacts.UnknownIssuer);
            Console.Out.WriteLine(PlanPrinter.Print(Planner.Plan(request, command.RequestId, facts)));
            return 0;
        }
        catch (Exception ex) when (ex is RequestFormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {file}: {ex.Message}");
            return 2;
        }
    }
}
