using Provisioner.Worker.Cli;
using Provisioner.Worker.Hosting;

return args.Length > 0 && CliCommands.Verbs.Contains(args[0])
    ? await CliCommands.Build().Parse(args).InvokeAsync()
    : await WorkerHost.RunAsync(args);
