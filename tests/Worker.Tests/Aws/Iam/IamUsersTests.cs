using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

[Collection("moto")]
public sealed class IamUsersTests : IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private readonly CancellationToken ct;
    private readonly IamClient iam;

    public IamUsersTests(MotoServer moto)
    {
        iam = moto.CreateIamClient();
        ct = timeout.Token;
    }

    private IamUsers Users => iam.Users;

    public void Dispose()
    {
        iam.Dispose();
        timeout.Dispose();
    }

    [Fact]
    public async Task CreateUser_WithPathAndTags_GetReturnsThem()
    {
        var name = IamTestData.Unique("user");

        // moto 5.2.1 drops a user's PermissionsBoundary, so it is sent here but cannot be read back.
        var created = await Users.CreateUserAsync(name, "/milvus/", await NewPolicyArnAsync(), IamTestData.Tags(), ct);
        var fetched = await Users.GetUserAsync(name, ct);

        Assert.Equal($"arn:aws:iam::{IamTestData.Account}:user/milvus/{name}", created.Arn);
        Assert.NotNull(fetched);
        Assert.Equal((created.Arn, name, "/milvus/", created.UserId),
            (fetched.Arn, fetched.Name, fetched.Path, fetched.UserId));
        Assert.Equal(IamTestData.Tags(), fetched.Tags);
    }

    [Fact]
    public async Task GetUser_Missing_ReturnsNull() => Assert.Null(await Users.GetUserAsync("no-such-user", ct));

    [Fact]
    public async Task AccessKey_CreateListDelete_ListReflectsEachAndSecretIsRedacted()
    {
        var name = await NewUserAsync();

        var key = await Users.CreateAccessKeyAsync(name, ct);
        var listed = await Users.ListAccessKeysAsync(name, ct);
        await Users.DeleteAccessKeyAsync(name, key.AccessKeyId, ct);

        Assert.NotEmpty(key.SecretAccessKey);
        Assert.DoesNotContain(key.SecretAccessKey, key.ToString());
        Assert.Contains(key.AccessKeyId, key.ToString());
        Assert.Equal([(key.AccessKeyId, "Active")], listed.Select(k => (k.AccessKeyId, k.Status)));
        Assert.Empty(await Users.ListAccessKeysAsync(name, ct));
    }

    [Fact]
    public async Task UserPolicy_AttachListDetach_ListReflectsEach()
    {
        var name = await NewUserAsync();
        var policy = await NewPolicyArnAsync();

        await Users.AttachUserPolicyAsync(name, policy, ct);
        var attached = await Users.ListAttachedUserPoliciesAsync(name, ct);
        await Users.DetachUserPolicyAsync(name, policy, ct);

        Assert.Equal([policy], attached);
        Assert.Empty(await Users.ListAttachedUserPoliciesAsync(name, ct));
    }

    [Fact]
    public async Task DeleteUser_WithoutKeysOrPolicies_GetReturnsNull()
    {
        var name = await NewUserAsync();

        await Users.DeleteUserAsync(name, ct);

        Assert.Null(await Users.GetUserAsync(name, ct));
    }

    [Fact]
    public async Task DeleteUser_WithAttachedPolicy_ThrowsTerminalDeleteConflict()
    {
        var name = await NewUserAsync();
        await Users.AttachUserPolicyAsync(name, await NewPolicyArnAsync(), ct);

        var error = await Assert.ThrowsAsync<AwsException>(() => Users.DeleteUserAsync(name, ct));

        Assert.Equal(("DeleteConflict", AwsErrorKind.Terminal), (error.Code, error.Kind));
    }

    private async Task<string> NewUserAsync()
    {
        var name = IamTestData.Unique("user");
        await Users.CreateUserAsync(name, "/", null, IamTestData.Tags(), ct);
        return name;
    }

    private async Task<string> NewPolicyArnAsync() =>
        (await iam.Policies.CreatePolicyAsync(IamTestData.Unique("user-policy"), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct)).Arn;
}
