using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>A test double of one of our own resource interfaces: an in-memory cloud with injectable failures.</summary>
public class FakeResource<TPlan>(string kind, CallLog log, Func<TPlan, string> nameOf) : IResource<TPlan>
{
    private readonly Dictionary<string, (TPlan Plan, Dictionary<string, string> Tags)> existing = [];

    public Exception? FailCreate { get; set; }
    public Exception? FailDelete { get; set; }

    /// <summary>How many of the next creates fail with a retryable network error before one succeeds.</summary>
    public int TransientCreateFailures { get; set; }

    /// <summary>When set, Create waits for it: a stage that is "in progress" for as long as the test wants.</summary>
    public TaskCompletionSource? HoldCreate { get; set; }

    /// <summary>How many creates are waiting on <see cref="HoldCreate"/>: the stage is dispatched and its saga row written.</summary>
    public int HeldCreates => Volatile.Read(ref heldCreates);

    private int heldCreates;

    public bool Exists(TPlan plan) { lock (existing) return existing.ContainsKey(nameOf(plan)); }

    public int Count { get { lock (existing) return existing.Count; } }

    public void Seed(TPlan plan, Dictionary<string, string> tags) { lock (existing) existing[nameOf(plan)] = (plan, tags); }

    /// <summary>A hand change behind the worker's back: every resource of this kind deleted.</summary>
    public void DeleteAllByHand() { lock (existing) existing.Clear(); }

    /// <summary>A hand change behind the worker's back: our tags removed from every resource of this kind.</summary>
    public void StripTagsByHand()
    {
        lock (existing)
            foreach (var name in existing.Keys.ToList()) existing[name] = (existing[name].Plan, []);
    }

    /// <summary>A hand change behind the worker's back: every resource of this kind now differs, as these say, until updated.</summary>
    public IReadOnlyList<string>? ChangedByHand { get; set; }

    /// <summary>How many times a resource of this kind was observed, by environment.</summary>
    public int ObservationsOf(string environment) { lock (observations) return observations.GetValueOrDefault(environment); }

    private readonly Dictionary<string, int> observations = [];

    public Task<Observation> ObserveAsync(TPlan plan, string environment, CancellationToken cancellationToken)
    {
        lock (observations) observations[environment] = observations.GetValueOrDefault(environment) + 1;
        lock (existing)
        {
            if (!existing.TryGetValue(nameOf(plan), out var found)) return Task.FromResult(Observation.Missing);
            var drift = ChangedByHand is { } byHand ? byHand.ToList() : Shape(found.Plan) == Shape(plan) ? [] : new List<string> { "plan" };
            return Task.FromResult(Observation.Found(found.Tags, drift, System.Text.Json.JsonSerializer.Serialize(found.Plan)));
        }
    }

    public async Task CreateAsync(TPlan plan, CancellationToken cancellationToken)
    {
        if (HoldCreate is { } hold)
        {
            Interlocked.Increment(ref heldCreates);
            await hold.Task.WaitAsync(cancellationToken);
        }
        log.Add($"create {kind}");
        if (FailCreate is { } failure) throw failure;
        if (TransientCreateFailures > 0 && TransientCreateFailures-- > 0) throw new HttpRequestException("connection reset by peer");
        // Kubernetes objects carry ownership as labels (app.kubernetes.io/managed-by); the real resource reports them as tags.
        var tags = (IReadOnlyDictionary<string, string>)(plan!.GetType().GetProperty("Tags") ?? plan.GetType().GetProperty("Labels"))!.GetValue(plan)!;
        Seed(plan, tags.ToDictionary(t => t.Key == "app.kubernetes.io/managed-by" ? OwnershipTags.ManagedBy : t.Key, t => t.Value));
    }

    public Task UpdateAsync(TPlan plan, Observation observed, CancellationToken cancellationToken)
    {
        log.Add($"update {kind}");
        ChangedByHand = null;
        lock (existing) existing[nameOf(plan)] = (plan, existing[nameOf(plan)].Tags);
        return Task.CompletedTask;
    }

    public Exception? FailRestore { get; set; }

    /// <summary>The plan the resource was last made from (what an update replaced comes back from a restore).</summary>
    public TPlan? Current(TPlan plan) { lock (existing) return existing.TryGetValue(nameOf(plan), out var found) ? found.Plan : default; }

    public Task<string> RestoreAsync(TPlan plan, string state, CancellationToken cancellationToken)
    {
        log.Add($"restore {kind}");
        if (FailRestore is { } failure) throw failure;
        lock (existing) existing[nameOf(plan)] = (System.Text.Json.JsonSerializer.Deserialize<TPlan>(state)!, existing[nameOf(plan)].Tags);
        return Task.FromResult("plan restored");
    }

    public Task DeleteAsync(TPlan plan, CancellationToken cancellationToken)
    {
        log.Add($"delete {kind}");
        if (FailDelete is { } failure) throw failure;
        lock (existing) existing.Remove(nameOf(plan));
        return Task.CompletedTask;
    }

    /// <summary>The plan without its tags (which carry the request id) is what "up to date" compares.</summary>
    private static string Shape(TPlan plan)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(plan)!.AsObject();
        node.Remove("Tags");
        return node.ToJsonString();
    }

    public IReadOnlyDictionary<string, string> Outputs(TPlan plan) => new Dictionary<string, string> { ["name"] = nameOf(plan) };
}
