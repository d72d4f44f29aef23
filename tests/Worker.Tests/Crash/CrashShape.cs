using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// One kind of run the crash matrix breaks: the request it acts with (and, for a reconcile or a deprovision, the request
/// that provisions the environment first, uninterrupted), what it needs besides moto, and the state it must end in.
/// </summary>
public sealed record CrashShape(string Name, string ExpectedState)
{
    /// <summary>The environment is provisioned with this request before the run that is broken.</summary>
    public Func<string, JsonObject>? Prepare { get; init; }

    /// <summary>The request the broken run acts with; null = a deprovision with <c>deleteData</c>.</summary>
    public Func<string, JsonObject>? Act { get; init; }

    public bool NeedsCluster { get; init; }

    public bool NeedsHelm { get; init; }

    /// <summary>Settings of every worker of this shape (say, a stage that fails on purpose).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>A rollback or a deprovision: nothing of the environment may be left anywhere.</summary>
    public bool LeavesNothing { get; init; }

    public override string ToString() => Name;
}
