using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

[Collection("moto")]
public sealed class IamRolesTests : IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private readonly CancellationToken ct;
    private readonly IamClient iam;

    public IamRolesTests(MotoServer moto)
    {
        iam = moto.CreateIamClient();
        ct = timeout.Token;
    }

    private IamRoles Roles => iam.Roles;

    public void Dispose()
    {
        iam.Dispose();
        timeout.Dispose();
    }

    [Fact]
    public async Task CreateRole_WithPathTrustTagsAndBoundary_GetReturnsThemDecoded()
    {
        var boundary = await NewPolicyArnAsync("boundary");
        var name = IamTestData.Unique("irsa");

        var created = await Roles.CreateRoleAsync(name, "/milvus/", IamTestData.TrustPolicy, "Milvus IRSA", boundary,
            IamTestData.Tags(), ct);
        var fetched = await Roles.GetRoleAsync(name, ct);

        Assert.Equal($"arn:aws:iam::{IamTestData.Account}:role/milvus/{name}", created.Arn);
        Assert.NotNull(fetched);
        Assert.Equal((created.Arn, name, "/milvus/", created.RoleId, boundary, 3600, "Milvus IRSA"),
            (fetched.Arn, fetched.Name, fetched.Path, fetched.RoleId, fetched.PermissionsBoundaryArn,
                fetched.MaxSessionDuration, fetched.Description));
        Assert.Equal(IamTestData.Tags(), fetched.Tags);
        JsonAssert.Equivalent(IamTestData.TrustPolicy, fetched.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task GetRole_Missing_ReturnsNull() => Assert.Null(await Roles.GetRoleAsync("no-such-role", ct));

    [Fact]
    public async Task UpdateAssumeRolePolicy_Existing_GetReturnsNewTrust()
    {
        var name = await NewRoleAsync();
        var trust = IamTestData.TrustPolicy.Replace("milvus-s3", "other-sa", StringComparison.Ordinal);

        await Roles.UpdateAssumeRolePolicyAsync(name, trust, ct);

        JsonAssert.Equivalent(trust, (await Roles.GetRoleAsync(name, ct))?.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task PermissionsBoundary_PutThenDelete_GetReflectsEach()
    {
        var name = await NewRoleAsync();
        var boundary = await NewPolicyArnAsync("boundary");

        await Roles.PutRolePermissionsBoundaryAsync(name, boundary, ct);
        var withBoundary = await Roles.GetRoleAsync(name, ct);
        await Roles.DeleteRolePermissionsBoundaryAsync(name, ct);
        var without = await Roles.GetRoleAsync(name, ct);

        Assert.Equal(boundary, withBoundary?.PermissionsBoundaryArn);
        Assert.Null(without?.PermissionsBoundaryArn);
    }

    [Fact]
    public async Task TagRole_ThenUntag_GetShowsCurrentTags()
    {
        var name = await NewRoleAsync();

        await Roles.TagRoleAsync(name, new Dictionary<string, string> { ["extra"] = "x", ["request-id"] = "req-2" }, ct);
        await Roles.UntagRoleAsync(name, ["environment"], ct);

        Assert.Equal(new Dictionary<string, string>
        {
            ["managed-by"] = "milvus-provisioner", ["request-id"] = "req-2",
            ["extra"] = "x"
        }, (await Roles.GetRoleAsync(name, ct))?.Tags);
    }

    [Fact]
    public async Task ListAttachedRolePolicies_MorePagesThanOne_ReturnsEveryArnThenDetachRemovesOne()
    {
        var name = await NewRoleAsync();
        string[] arns = [await NewPolicyArnAsync("a"), await NewPolicyArnAsync("b"), await NewPolicyArnAsync("c")];
        foreach (var arn in arns) await Roles.AttachRolePolicyAsync(name, arn, ct);
        iam.Transport.PageSize = 1;

        var attached = await Roles.ListAttachedRolePoliciesAsync(name, ct);
        await Roles.DetachRolePolicyAsync(name, arns[1], ct);
        var afterDetach = await Roles.ListAttachedRolePoliciesAsync(name, ct);

        Assert.Equal(arns.Order(), attached.Order());
        Assert.Equal(new[] { arns[0], arns[2] }.Order(), afterDetach.Order());
    }

    [Fact]
    public async Task InlinePolicy_PutListDelete_ListReflectsEach()
    {
        var name = await NewRoleAsync();

        await Roles.PutRolePolicyAsync(name, "inline", IamTestData.BucketPolicy, ct);
        var listed = await Roles.ListRolePolicyNamesAsync(name, ct);
        await Roles.DeleteRolePolicyAsync(name, "inline", ct);

        Assert.Equal(["inline"], listed);
        Assert.Empty(await Roles.ListRolePolicyNamesAsync(name, ct));
    }

    [Fact]
    public async Task DeleteRole_WithAttachedPolicy_ThrowsTerminalDeleteConflict()
    {
        var name = await NewRoleAsync();
        await Roles.AttachRolePolicyAsync(name, await NewPolicyArnAsync("att"), ct);

        var error = await Assert.ThrowsAsync<AwsException>(() => Roles.DeleteRoleAsync(name, ct));

        Assert.Equal(("DeleteConflict", AwsErrorKind.Terminal), (error.Code, error.Kind));
    }

    [Fact]
    public async Task DeleteRole_AfterDetach_GetReturnsNull()
    {
        var name = await NewRoleAsync();
        var policy = await NewPolicyArnAsync("det");
        await Roles.AttachRolePolicyAsync(name, policy, ct);

        await Roles.DetachRolePolicyAsync(name, policy, ct);
        await Roles.DeleteRoleAsync(name, ct);

        Assert.Null(await Roles.GetRoleAsync(name, ct));
    }

    [Fact]
    public async Task DeleteRole_Missing_ThrowsTerminalNoSuchEntity()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => Roles.DeleteRoleAsync("no-such-role", ct));

        Assert.Equal(("NoSuchEntity", AwsErrorKind.Terminal), (error.Code, error.Kind));
    }

    private async Task<string> NewRoleAsync()
    {
        var name = IamTestData.Unique("role");
        await Roles.CreateRoleAsync(name, "/", IamTestData.TrustPolicy, null, null, IamTestData.Tags(), ct);
        return name;
    }

    private async Task<string> NewPolicyArnAsync(string prefix) =>
        (await iam.Policies.CreatePolicyAsync(IamTestData.Unique(prefix), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct)).Arn;
}
