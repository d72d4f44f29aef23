using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Stages.AccessKey;

namespace Provisioner.Worker.Tests.Rotation;

[Collection("moto")]
public sealed class AccessKeyRotatorTests(MotoServer moto)
{
    [Fact]
    public async Task ReplaceAsync_NewKeyInTheSecret_OldKeyStillThereForTheGracePeriod()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "rot");
        await scene.EnsureKeyAsync();
        var before = scene.SecretValue(AccessKeyPlan.AccessKeyIdKey);

        var (oldKey, newKey) = await Rotator(scene).ReplaceAsync(scene.KeyPlan, scene.Plan.Environment, Guid.NewGuid(), scene.Ct);

        Assert.Equal(before, oldKey);
        Assert.Equal(newKey, scene.SecretValue(AccessKeyPlan.AccessKeyIdKey));
        Assert.Equal(new[] { before!, newKey }.Order(StringComparer.Ordinal), (await scene.KeyIdsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplaceAsync_SameRotationDeliveredTwice_SecondReportsTheFirstAndCreatesNoKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "rot");
        await scene.EnsureKeyAsync();
        var rotation = Guid.NewGuid();
        var rotator = Rotator(scene);
        var first = await rotator.ReplaceAsync(scene.KeyPlan, scene.Plan.Environment, rotation, scene.Ct);
        var secretAfterFirst = scene.SecretValue(AccessKeyPlan.SecretAccessKeyKey);

        var second = await rotator.ReplaceAsync(scene.KeyPlan, scene.Plan.Environment, rotation, scene.Ct);

        Assert.Equal(first, second);
        Assert.Equal(secretAfterFirst, scene.SecretValue(AccessKeyPlan.SecretAccessKeyKey));
        Assert.Equal(2, (await scene.KeyIdsAsync()).Count); // the old key was not deleted early
    }

    [Fact]
    public async Task ReplaceAsync_UnstoredKeyOfACrashedRotation_DeletedSoTheNewKeyFitsUnderTheLimit()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "rot");
        await scene.EnsureKeyAsync();
        var stored = scene.SecretValue(AccessKeyPlan.AccessKeyIdKey)!;
        var stray = await scene.Aws.Iam.Users.CreateAccessKeyAsync(scene.KeyPlan.UserName, scene.Ct); // crash before the Secret write

        var (oldKey, newKey) = await Rotator(scene).ReplaceAsync(scene.KeyPlan, scene.Plan.Environment, Guid.NewGuid(), scene.Ct);

        Assert.Equal(stored, oldKey);
        Assert.Equal([newKey, stored], (await scene.KeyIdsAsync()).OrderBy(k => k == stored).ToList());
        Assert.DoesNotContain(stray.AccessKeyId, await scene.KeyIdsAsync());
    }

    [Fact]
    public async Task Retire_Twice_OnlyTheNewKeyIsLeftAndTheSecondIsNoError()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "rot");
        await scene.EnsureKeyAsync();
        var rotator = Rotator(scene);
        var (oldKey, newKey) = await rotator.ReplaceAsync(scene.KeyPlan, scene.Plan.Environment, Guid.NewGuid(), scene.Ct);

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await rotator.DeactivateAsync(scene.KeyPlan, oldKey!, scene.Ct);
            await rotator.DeleteAsync(scene.KeyPlan, oldKey!, scene.Ct);
        }

        var keys = await scene.Aws.Iam.Users.ListAccessKeysAsync(scene.KeyPlan.UserName, scene.Ct);
        Assert.Equal([(newKey, "Active")], keys.Select(k => (k.AccessKeyId, k.Status)));
    }

    private static AccessKeyRotator Rotator(AccessKeyScene scene) =>
        new(scene.Aws.Iam, new AccessKeySecrets(scene.K8s.Calls), NullLogger<AccessKeyRotator>.Instance);
}
