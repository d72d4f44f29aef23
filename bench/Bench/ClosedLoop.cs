namespace Provisioner.Bench;

/// <summary>
/// <c>concurrency</c> clients, each taking the next environment as soon as its last one is done: the concurrency is the
/// number of environments in flight, as a queue of requests would keep it.
/// </summary>
public static class ClosedLoop
{
    public static async Task<EnvSample[]> RunAsync(IReadOnlyList<string> names, int concurrency, Func<string, Task<EnvSample>> one)
    {
        var samples = new EnvSample[names.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, names.Count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < names.Count) samples[i] = await one(names[i]);
        })));
        return samples;
    }
}
