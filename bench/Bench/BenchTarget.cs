namespace Provisioner.Bench;

/// <summary>
/// What a block runs against: moto directly, or the fault proxy in front of it. Each has its own worker process
/// (its AWS endpoint is set at start-up) and its own direct client, and counts AWS requests its own way.
/// </summary>
public sealed class BenchTarget(string name, WorkerDriver worker, DirectDriver direct, Func<Task<RequestCount>> count)
{
    public string Name => name;

    public WorkerDriver Worker => worker;

    public DirectDriver Direct => direct;

    public Task<RequestCount> CountAsync() => count();
}
