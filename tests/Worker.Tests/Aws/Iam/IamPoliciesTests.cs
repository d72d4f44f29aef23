using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Iam;

[Collection("moto")]
public sealed class IamPoliciesTests : IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private readonly CancellationToken ct;
    private readonly IamClient iam;

    public IamPoliciesTests(MotoServer moto)
    {
        iam = moto.CreateIamClient();
        ct = timeout.Token;
    }

    private IamPolicies Policies => iam.Policies;

    public void Dispose()
    {
        iam.Dispose();
        timeout.Dispose();
    }

    [Fact]
    public async Task CreatePolicy_NewName_GetAndDocumentRoundTrip()
    {
        var name = IamTestData.Unique("bucket");

        var created = await Policies.CreatePolicyAsync(name, "/provisioner/", IamTestData.BucketPolicy, "bucket access",
            IamTestData.Tags(), ct);
        var fetched = await Policies.GetPolicyAsync(created.Arn, ct);
        var document = await Policies.GetPolicyVersionDocumentAsync(created.Arn, created.DefaultVersionId, ct);

        Assert.Equal($"arn:aws:iam::{IamTestData.Account}:policy/provisioner/{name}", created.Arn);
        Assert.NotNull(fetched);
        Assert.Equal((name, "/provisioner/", "v1", 0, "bucket access"),
            (fetched.Name, fetched.Path, fetched.DefaultVersionId, fetched.AttachmentCount, fetched.Description));
        Assert.Equal(IamTestData.Tags(), fetched.Tags);
        JsonAssert.Equivalent(IamTestData.BucketPolicy, document);
    }

    [Fact]
    public async Task DeletePolicy_Existing_GetReturnsNull()
    {
        var created = await Policies.CreatePolicyAsync(IamTestData.Unique("gone"), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct);

        await Policies.DeletePolicyAsync(created.Arn, ct);

        Assert.Null(await Policies.GetPolicyAsync(created.Arn, ct));
    }

    [Fact]
    public async Task GetPolicy_Missing_ReturnsNull() =>
        Assert.Null(await Policies.GetPolicyAsync($"arn:aws:iam::{IamTestData.Account}:policy/{IamTestData.Unique("none")}", ct));

    [Fact]
    public async Task GetPolicyVersionDocument_MissingVersion_ReturnsNull()
    {
        var created = await Policies.CreatePolicyAsync(IamTestData.Unique("v"), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct);

        Assert.Null(await Policies.GetPolicyVersionDocumentAsync(created.Arn, "v9", ct));
    }

    [Fact]
    public async Task CreatePolicy_NameTaken_ThrowsTerminalEntityAlreadyExists()
    {
        var name = IamTestData.Unique("dup");
        await Policies.CreatePolicyAsync(name, "/", IamTestData.BucketPolicy, null, IamTestData.Tags(), ct);

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Policies.CreatePolicyAsync(name, "/", IamTestData.BucketPolicy, null, IamTestData.Tags(), ct));

        Assert.Equal(("EntityAlreadyExists", AwsErrorKind.Terminal), (error.Code, error.Kind));
    }

    [Fact]
    public async Task CreatePolicy_MalformedDocument_ThrowsTerminalWithoutEchoingTheDocument()
    {
        const string document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject-secret-marker"}]}""";

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Policies.CreatePolicyAsync(IamTestData.Unique("bad"), "/", document, null, IamTestData.Tags(), ct));

        Assert.Equal(("MalformedPolicyDocument", AwsErrorKind.Terminal), (error.Code, error.Kind));
        Assert.DoesNotContain("secret-marker", error.ToString());
        Assert.DoesNotContain("Signature", error.ToString());
    }

    [Fact]
    public async Task CreatePolicyVersion_AsDefault_ListedAndOldVersionDeletable()
    {
        var created = await Policies.CreatePolicyAsync(IamTestData.Unique("ver"), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct);

        var v2 = await Policies.CreatePolicyVersionAsync(created.Arn, IamTestData.ReadOnlyBucketPolicy, true, ct);
        var both = await Policies.ListPolicyVersionsAsync(created.Arn, ct);
        await Policies.DeletePolicyVersionAsync(created.Arn, "v1", ct);
        var remaining = await Policies.ListPolicyVersionsAsync(created.Arn, ct);

        Assert.Equal("v2", v2);
        Assert.Equal(new[] { ("v1", false), ("v2", true) }, both.Select(v => (v.VersionId, v.IsDefault)).OrderBy(v => v.VersionId));
        Assert.Equal(new[] { ("v2", true) }, remaining.Select(v => (v.VersionId, v.IsDefault)));
        Assert.Equal("v2", (await Policies.GetPolicyAsync(created.Arn, ct))?.DefaultVersionId);
        JsonAssert.Equivalent(IamTestData.ReadOnlyBucketPolicy, await Policies.GetPolicyVersionDocumentAsync(created.Arn, v2, ct));
    }

    [Fact]
    public async Task DeletePolicyVersion_Default_ThrowsTerminalDeleteConflict()
    {
        var created = await Policies.CreatePolicyAsync(IamTestData.Unique("def"), "/", IamTestData.BucketPolicy, null,
            IamTestData.Tags(), ct);

        var error = await Assert.ThrowsAsync<AwsException>(() => Policies.DeletePolicyVersionAsync(created.Arn, "v1", ct));

        Assert.Equal(("DeleteConflict", AwsErrorKind.Terminal), (error.Code, error.Kind));
    }

    [Fact]
    public async Task TagPolicy_ThenUntag_ListShowsCurrentTags()
    {
        var created = await Policies.CreatePolicyAsync(IamTestData.Unique("tags"), "/", IamTestData.BucketPolicy, null,
            new Dictionary<string, string> { ["a"] = "1" }, ct);

        await Policies.TagPolicyAsync(created.Arn, new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, ct);
        await Policies.UntagPolicyAsync(created.Arn, ["a", "c"], ct);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, await Policies.ListPolicyTagsAsync(created.Arn, ct));
    }
}
