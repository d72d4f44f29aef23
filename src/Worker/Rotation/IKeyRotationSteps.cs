namespace Provisioner.Worker.Rotation;

/// <summary>The work of the two rotation steps, behind an interface so the saga's rotation logic can be tested without a cloud.</summary>
public interface IKeyRotationSteps
{
    /// <returns>The key the Secret held before (null if none), the new key, and the workloads rolled onto it.</returns>
    Task<ReplacedKey> ReplaceAsync(ReplaceAccessKey step, CancellationToken ct);

    /// <returns>When the old key was deactivated.</returns>
    Task<DateTimeOffset> RetireAsync(RetireAccessKey step, CancellationToken ct);
}

public sealed record ReplacedKey(string? OldKeyId, string NewKeyId, IReadOnlyList<string> RestartedWorkloads);
