using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// The rotation steps against IAM and the cluster. Replacing is idempotent per rotation (the Secret carries the
/// rotation's id; pods are stamped with the key's id), retiring per key (a key already gone is done).
/// </summary>
public sealed class KeyRotationSteps(AccessKeyRotator rotator, ReleaseWorkloads workloads, TimeProvider clock) : IKeyRotationSteps
{
    public async Task<ReplacedKey> ReplaceAsync(ReplaceAccessKey step, CancellationToken ct)
    {
        var (oldKey, newKey) = await rotator.ReplaceAsync(step.Plan, step.Environment, step.RotationId, ct);
        // Milvus reads the key from env vars, which a running container never re-reads: only new pods see the new key.
        var restarted = step.ReleaseName is { } release ? await workloads.RollAsync(step.Plan.Namespace, release, newKey, ct) : [];
        return new ReplacedKey(oldKey, newKey, restarted);
    }

    public async Task<DateTimeOffset> RetireAsync(RetireAccessKey step, CancellationToken ct)
    {
        await rotator.DeactivateAsync(step.Plan, step.OldKeyId, ct);
        var deactivated = clock.GetUtcNow();
        await rotator.DeleteAsync(step.Plan, step.OldKeyId, ct);
        return deactivated;
    }
}
