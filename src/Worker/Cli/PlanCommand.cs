using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Profiles;
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
            var configuration = Configuration();
            var profiles = new ProfileCatalog(Options.Create(Profiles(configuration)),
                Options.Create(configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions()));
            var problems = RequestValidator.Validate(command.Request, DateTimeOffset.UtcNow)
                .Concat(profiles.Problems(command.Request, Caller.Operator)).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await Console.Error.WriteLineAsync($"invalid: {problem}");
                return 2;
            }
            var (request, profile) = profiles.Apply(command.Request, Caller.Operator);
            EnvironmentPlan plan;
            IReadOnlyList<PlanChange>? changes;
            try
            {
                (plan, changes) = await AppliedPlanLookup.PlanAsync(Store(configuration), request, Guid.Empty, cancellationToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                await Console.Error.WriteLineAsync($"warning: the saga store cannot be read ({ex.GetType().Name}); the plan shows no changes");
                (plan, changes) = await AppliedPlanLookup.PlanAsync(null, request, Guid.Empty, cancellationToken);
            }
            Console.Out.WriteLine(PlanPrinter.Print(plan with { Profile = profile }, changes));
            return 0;
        }
        catch (Exception ex) when (ex is RequestFormatException or IOException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"error: {file}: {ex.Message}");
            return 2;
        }
    }

    /// <summary>The worker's configuration as it would read it: appsettings.json, then the environment.</summary>
    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The profiles as the worker would enforce them; one it would refuse to start with stops the plan too.</summary>
    private static ProfilesOptions Profiles(IConfiguration configuration)
    {
        var profiles = new ProfilesOptions();
        configuration.GetSection(ProfilesOptions.Section).Bind(profiles);
        var problems = profiles.SelectMany(p => ProfileRegistration.Problems(p.Key, p.Value)).ToList();
        return problems.Count == 0 ? profiles : throw new OptionsValidationException(ProfilesOptions.Section, typeof(ProfilesOptions), problems);
    }

    /// <summary>The worker's saga store as configured, when there is one to read.</summary>
    private static SagaTable? Store(IConfiguration configuration)
    {
        var options = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        if (options.Provider == SagaStoreOptions.Sqlite
            && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
            return null;
        return new SagaTable(options.CreateDatabase());
    }
}
