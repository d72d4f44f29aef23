using Provisioner.Bench;

if (BenchOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
return await BenchRun.RunAsync(options);
