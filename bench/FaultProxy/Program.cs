using System.Runtime.InteropServices;
using Provisioner.FaultProxy;

FaultProxyOptions options;
try
{
    options = ProxyCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(ProxyCommandLine.Usage);
    return 2;
}

await using var proxy = await FaultProxy.StartAsync(options);
Console.WriteLine(proxy.Endpoint);
Console.Error.WriteLine($"fault proxy on {proxy.Endpoint} → {options.Upstream}; {options.Profile}");
var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
await stop.Task;
return 0;
