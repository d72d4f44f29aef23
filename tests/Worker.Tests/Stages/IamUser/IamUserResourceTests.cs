using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Stages.AccessKey;

namespace Provisioner.Worker.Tests.Stages.IamUser;

[Collection("moto")]
public sealed class IamUserResourceTests(MotoServer moto)
{
    [Fact]
    public async Task EnsureAsync_Missing_CreatesUserWithOnlyTheScopedPolicyAndOurTags()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "user", withUser: false);

        Assert.Equal(Reconciler.Created, await scene.EnsureUserAsync());

        var user = await scene.Aws.Iam.Users.GetUserAsync(scene.Plan.User!.Name, scene.Ct);
        Assert.NotNull(user);
        Assert.Equal(scene.Plan.User.Tags.OrderBy(t => t.Key), user.Tags.OrderBy(t => t.Key));
        Assert.Equal([scene.Plan.AccessPolicy.Arn], await scene.Aws.Iam.Users.ListAttachedUserPoliciesAsync(user.Name, scene.Ct));
        Assert.Equal(Reconciler.Unchanged, await scene.EnsureUserAsync());
    }

    [Fact]
    public async Task EnsureAsync_BroadPolicyAttachedBehindOurBack_DetachesIt()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "user");
        // moto does not load AWS managed policies by default: a broad customer policy of the same shape stands in.
        var broad = (await scene.Aws.Iam.Policies.CreatePolicyAsync($"{scene.Plan.User!.Name}-broad", "/",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "test", new Dictionary<string, string>(), scene.Ct)).Arn;
        await scene.Aws.Iam.Users.AttachUserPolicyAsync(scene.Plan.User.Name, broad, scene.Ct);

        var observed = await scene.User.ObserveAsync(scene.Plan.User, scene.Plan.Environment, scene.Ct);
        Assert.Equal(Reconciler.Updated, await scene.EnsureUserAsync());

        Assert.Equal([IamUserResource.ExtraPolicies], observed.Drift);
        Assert.Equal([scene.Plan.AccessPolicy.Arn], await scene.Aws.Iam.Users.ListAttachedUserPoliciesAsync(scene.Plan.User.Name, scene.Ct));
    }

    [Fact]
    public async Task EnsureAsync_ForeignUser_ThrowsConflict()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "user", withUser: false);
        await scene.Aws.Iam.Users.CreateUserAsync(scene.Plan.User!.Name, "/", null, new Dictionary<string, string>(), scene.Ct);

        await Assert.ThrowsAsync<ResourceConflictException>(scene.EnsureUserAsync);
    }

    [Fact]
    public async Task DeleteAsync_UserWithKeysAndPolicies_RemovesAllThenTheUser()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "user");
        await scene.Aws.Iam.Users.CreateAccessKeyAsync(scene.Plan.User!.Name, scene.Ct);
        await scene.Aws.Iam.Users.PutUserPolicyAsync(scene.Plan.User.Name, "inline", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", scene.Ct);

        var (action, _) = await TestReconciler.RemoveAsync(scene.User, scene.Plan.User, scene.Plan.Environment, null, scene.Ct);

        Assert.Equal(Reconciler.Deleted, action);
        Assert.Null(await scene.Aws.Iam.Users.GetUserAsync(scene.Plan.User.Name, scene.Ct));
    }

    [Fact]
    public async Task CompensateAsync_LaterRunStrippedPoliciesAddedBehindOurBack_PutsThemBack()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "user", withUser: false);
        var user = scene.Plan.User!;
        var broad = (await scene.Aws.Iam.Policies.CreatePolicyAsync($"{user.Name}-broad", "/",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "test", new Dictionary<string, string>(), scene.Ct)).Arn;
        const string inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        var (action, _) = await RollbackScene.UpdateThenCompensateAsync(scene.User, user, user, scene.Plan.Environment, scene.Ct, async () =>
        {
            await scene.Aws.Iam.Users.AttachUserPolicyAsync(user.Name, broad, scene.Ct);
            await scene.Aws.Iam.Users.PutUserPolicyAsync(user.Name, "inline", inline, scene.Ct);
        });

        Assert.Equal(Reconciler.Restored, action);
        Assert.Equal(new[] { broad, scene.Plan.AccessPolicy.Arn }.Order(), (await scene.Aws.Iam.Users.ListAttachedUserPoliciesAsync(user.Name, scene.Ct)).Order());
        JsonAssert.Equivalent(inline, (await scene.Aws.Iam.Users.GetUserPolicyDocumentAsync(user.Name, "inline", scene.Ct))!);
    }
}
