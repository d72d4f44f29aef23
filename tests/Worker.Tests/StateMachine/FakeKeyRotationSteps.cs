using Provisioner.Worker.Rotation;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>
/// The rotation steps without a cloud: key ids count up (once per rotation, as the real step does), each call is logged as <c>replace ENV</c> / <c>retire KEYID</c>.
/// A test can make a step fail, or hold the next replace until it lets it go.
/// </summary>
public sealed class FakeKeyRotationSteps(CallLog log) : IKeyRotationSteps
{
    private readonly Dictionary<Guid, ReplacedKey> done = [];
    private int keys;
    private string? current = "AKIAFAKE0";

    public Exception? FailReplace { get; set; }
    public Exception? FailRetire { get; set; }

    /// <summary>When set, the next replace waits for it (and clears it): a step that is "in progress" for as long as the test wants.</summary>
    public TaskCompletionSource? HoldNextReplace { get; set; }

    public int ReplaceCalls => log.Calls.Count(c => c.StartsWith("replace ", StringComparison.Ordinal));

    public async Task<ReplacedKey> ReplaceAsync(ReplaceAccessKey step, CancellationToken ct)
    {
        log.Add($"replace {step.Environment}");
        if (HoldNextReplace is { } hold)
        {
            HoldNextReplace = null;
            await hold.Task.WaitAsync(ct);
        }
        if (FailReplace is { } failure) throw failure;
        lock (done)
        {
            // Like the real step: a second delivery of the same rotation reports what the first one did.
            if (done.TryGetValue(step.RotationId, out var earlier)) return earlier;
            var old = current;
            current = $"AKIAFAKE{++keys}";
            return done[step.RotationId] = new ReplacedKey(old, current, step.ReleaseName is { } release ? [$"deployment/{release}-standalone"] : []);
        }
    }

    public Task<DateTimeOffset> RetireAsync(RetireAccessKey step, CancellationToken ct)
    {
        log.Add($"retire {step.OldKeyId}");
        return FailRetire is { } failure ? Task.FromException<DateTimeOffset>(failure) : Task.FromResult(DateTimeOffset.UtcNow);
    }
}
