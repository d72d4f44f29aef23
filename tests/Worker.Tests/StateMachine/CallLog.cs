using System.Collections.Concurrent;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>Every mutating call the fake resources received, in order ("create bucket", "delete role").</summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<string> calls = new();

    public void Add(string call) => calls.Enqueue(call);

    public IReadOnlyList<string> Calls => calls.ToList();
}
