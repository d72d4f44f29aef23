using System.CommandLine;

namespace Provisioner.Worker.Cli;

/// <summary>The verbs; with none, the program runs as the worker service.</summary>
public static class CliCommands
{
    public static readonly string[] Verbs = ["plan", "apply", "destroy", "rotate-key", "check", "schema", "--help", "-h", "-?"];

    public static RootCommand Build()
    {
        var planFile = new Argument<FileInfo>("file") { Description = "the request (JSON)" };
        var plan = new Command("plan", "Print the plan for a request as JSON; makes no cloud call") { planFile };
        plan.SetAction((result, ct) => PlanCommand.RunAsync(result.GetValue(planFile)!.FullName, ct));

        var applyFile = new Argument<FileInfo>("file") { Description = "the request (JSON)" };
        var output = Output();
        var timeout = TimeoutMinutes("give up waiting after this long");
        var apply = new Command("apply", "Run a request through the saga in this process; exit 0 provisioned, 1 rolled back, 2 invalid, 3 leftovers")
        {
            applyFile, output, timeout,
        };
        apply.SetAction((result, ct) => ApplyCommand.RunAsync(result.GetValue(applyFile)!.FullName, result.GetValue(output) == "json",
            TimeSpan.FromMinutes(result.GetValue(timeout)), ct));

        var destroyTarget = new Argument<string>("target") { Description = "the environment's name, or the request file that made it" };
        var deleteData = new Option<bool>("--delete-data") { Description = "also delete the bucket's objects (every version) and the bucket" };
        var destroyOutput = Output();
        var destroyTimeout = TimeoutMinutes("give up waiting after this long");
        var destroy = new Command("destroy", "Deprovision an environment in reverse order; the bucket and its data are kept unless --delete-data")
        {
            destroyTarget, deleteData, destroyOutput, destroyTimeout,
        };
        destroy.SetAction((result, ct) => DestroyCommand.RunAsync(result.GetValue(destroyTarget)!, result.GetValue(deleteData),
            result.GetValue(destroyOutput) == "json", TimeSpan.FromMinutes(result.GetValue(destroyTimeout)), ct));

        var rotateEnvironment = new Argument<string>("environment") { Description = "an environment provisioned in access-key mode" };
        var rotateTimeout = TimeoutMinutes("give up waiting after this long (the grace period included)");
        var rotateOutput = Output();
        var rotate = new Command("rotate-key", "Replace the environment's access key: new key into its Secret, pods rolled, grace period, old key deleted; exit 0 rotated, 1 refused or failed, 4 timed out")
        {
            rotateEnvironment, rotateTimeout, rotateOutput,
        };
        rotate.SetAction((result, ct) => RotateKeyCommand.RunAsync(result.GetValue(rotateEnvironment)!, result.GetValue(rotateOutput) == "json",
            TimeSpan.FromMinutes(result.GetValue(rotateTimeout)), ct));

        var checkEnvironment = new Argument<string>("environment") { Description = "a provisioned environment" };
        var checkOutput = Output();
        var check = new Command("check", "Compare an environment's resources with its applied request now, observe-only, and record the drift found; exit 0 in sync, 1 drifted, 2 unknown, 5 nothing to check")
        {
            checkEnvironment, checkOutput,
        };
        check.SetAction((result, ct) => CheckCommand.RunAsync(result.GetValue(checkEnvironment)!, result.GetValue(checkOutput) == "json", ct));

        var schema = new Command("schema", "Print the request's JSON Schema (draft 2020-12), as GET /schemas/request.json serves it");
        schema.SetAction(_ => SchemaCommand.Run());

        return new RootCommand("Milvus environment provisioner. Without a verb: the worker service (bus + HTTP).") { plan, apply, destroy, rotate, check, schema };
    }

    /// <summary>Each verb needs its own instance: progress as JSON lines on stderr and the final status document on stdout.</summary>
    private static Option<string> Output()
    {
        var output = new Option<string>("--output")
        {
            Description = "json: each event as a JSON line on stderr, the final status document on stdout; text (default): a live stage list on a terminal, plain lines otherwise",
        };
        output.AcceptOnlyFromAmong("json", "text");
        return output;
    }

    /// <summary>Each verb needs its own option instance; they share the name and the default.</summary>
    private static Option<int> TimeoutMinutes(string description) =>
        new("--timeout-minutes") { Description = description, DefaultValueFactory = _ => 30 };
}
