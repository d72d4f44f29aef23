using Provisioner.Worker.Intake;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Prints the plan; no credentials, no network. Facts the request does not state come from what is applied, else they
/// are placeholders. For an environment the saga store knows, the changes against what is applied are printed too.
/// </summary>
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
            EnvironmentPlan plan;
            IReadOnlyList<PlanChange>? changes;
            try
            {
                (plan, changes) = await AppliedPlanLookup.PlanAsync(Store(), command.Request, Guid.Empty, cancellationToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                await Console.Error.WriteLineAsync($"warning: the saga store cannot be read ({ex.GetType().Name}); the plan shows no changes");
                (plan, changes) = await AppliedPlanLookup.PlanAsync(null, command.Request, Guid.Empty, cancellationToken);
            }
            Console.Out.WriteLine(PlanPrinter.Print(plan, changes));
            return 0;
        }
        catch (Exception ex) when (ex is RequestFormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {file}: {ex.Message}");
            return 2;
        }
    }

    /// <summary>The worker's saga store as configured (appsettings.json, then the environment), when there is one to read.</summary>
    private static SagaTable? Store()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        if (options.Provider == SagaStoreOptions.Sqlite
            && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
            return null;
        return new SagaTable(options.CreateDatabase());
    }
}
