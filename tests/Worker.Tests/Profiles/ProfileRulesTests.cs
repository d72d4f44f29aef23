using Provisioner.Contracts;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Tests.Infrastructure;
using static Provisioner.Worker.Tests.Validation.RequestChanges;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ProfileRulesTests
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/milvus-boundary";
    private const string Narrower = "arn:aws:iam::123456789012:policy/milvus-boundary-read-only";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>The platform team's example from docs/profiles.md.</summary>
    private static readonly ProfileOptions Platform = new()
    {
        Tenants = ["search"],
        Charts = [new ChartRule { Repository = "oci://registry.example.com/charts", Name = "milvus", Version = ">=5.0.0 <6.0.0", Digest = Digest }],
        Values = [.. ProfileOptions.SafeValues, "queryNode.nodeSelector"],
        Namespaces = ["{tenant}-{environment}"],
        RolePath = "/milvus/",
        PermissionsBoundary = Boundary,
        AllowedBoundaries = [Narrower],
        AdoptServiceAccountNamespaces = ["{tenant}-*"],
        CrossAccountAccounts = ["210987654321"],
        MinimumEncryption = "SSE-KMS",
        RequireVersioning = true,
    };

    private static IReadOnlyList<RequestProblem> Default(EnvironmentRequest request) =>
        ProfileRules.Check(request, "default", new ProfileOptions(), "a", RefusedByProfile.WorkerNamespace).ToList();

    private static IReadOnlyList<RequestProblem> OnPlatform(Func<EnvironmentRequest, EnvironmentRequest> change) =>
        ProfileRules.Check(change(PlatformRequest()), "platform", Platform, "search", RefusedByProfile.WorkerNamespace).ToList();

    private static EnvironmentRequest PlatformRequest()
    {
        var valid = TestRequests.Valid();
        return valid with
        {
            Profile = "platform",
            Bucket = valid.Bucket with { Encryption = "SSE-KMS", Versioning = true },
            Kubernetes = valid.Kubernetes with { Namespace = "search-tenant-a" },
            Milvus = valid.Milvus! with { Chart = $"oci://registry.example.com/charts/milvus@{Digest}", Version = "5.0.19" },
        };
    }

    public static TheoryData<string> Rows => [.. RefusedByProfile.Rows.Keys];

    [Fact]
    public void Check_ValidRequestOnTheDefaultProfile_NoProblems() => Assert.Empty(Default(TestRequests.Valid()));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Check_OutsideTheDefaultProfile_ProblemOnItsFieldNamingTheRule(string row)
    {
        var (field, message, change) = RefusedByProfile.Rows[row];

        var problems = Default(change(TestRequests.Valid()));

        var problem = Assert.Single(problems, p => p.Field == field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains("default", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ValidRequestOnThePlatformProfile_NoProblems() => Assert.Empty(OnPlatform(r => r));

    [Theory]
    [InlineData("boundary of the request's own", "access.permissionsBoundary", "Profiles:platform:AllowedBoundaries")]
    [InlineData("path outside the forced one", "access.rolePath", "is not under '/milvus/'")]
    [InlineData("path below without the prefix", "access.rolePath", "below '/milvus/' the path must start with 'milvus-'")]
    [InlineData("chart without the digest", "milvus.chart", "Profiles:platform:Charts")]
    [InlineData("chart with another digest", "milvus.chart", "Profiles:platform:Charts")]
    [InlineData("version outside the constraint", "milvus.version", "'6.0.0' is not a version")]
    [InlineData("no version", "milvus.version", "requires a chart version")]
    [InlineData("pre-release version", "milvus.version", "'5.1.0-rc1' is not a version")]
    [InlineData("encryption below the floor", "bucket.encryption", "requires SSE-KMS")]
    [InlineData("no versioning", "bucket.versioning", "requires versioning")]
    [InlineData("grant to an unlisted account", "crossAccount[0].principal", "'999999999999' is not one profile 'platform' may grant")]
    [InlineData("namespace of another tenant", "kubernetes.namespace", "{tenant}-{environment}")]
    [InlineData("adoption in a namespace of another tenant", "kubernetes.adoptServiceAccount", "AdoptServiceAccountNamespaces")]
    public void Check_OutsideThePlatformProfile_ProblemOnItsField(string row, string field, string message)
    {
        Func<EnvironmentRequest, EnvironmentRequest> change = row switch
        {
            "boundary of the request's own" => WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::123456789012:policy/milvus-mine" }),
            "path outside the forced one" => WithAccess(a => a with { RolePath = "/other/" }),
            "path below without the prefix" => WithAccess(a => a with { RolePath = "/milvus/team/" }),
            "chart without the digest" => WithMilvus(m => m with { Chart = "oci://registry.example.com/charts/milvus" }),
            "chart with another digest" => WithMilvus(m => m with { Chart = "oci://registry.example.com/charts/milvus@sha256:" + new string('f', 64) }),
            "version outside the constraint" => WithMilvus(m => m with { Version = "6.0.0" }),
            "no version" => WithMilvus(m => m with { Version = null }),
            "pre-release version" => WithMilvus(m => m with { Version = "5.1.0-rc1" }),
            "encryption below the floor" => WithBucket(b => b with { Encryption = "SSE-S3" }),
            "no versioning" => WithBucket(b => b with { Versioning = false }),
            "grant to an unlisted account" => r => r with { CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::999999999999:role/reader" }] },
            "namespace of another tenant" => WithKubernetes(k => k with { Namespace = "other-tenant-a" }),
            _ => WithKubernetes(k => k with { Namespace = "other-x", AdoptServiceAccount = true }),
        };

        var problem = Assert.Single(OnPlatform(change), p => p.Field == field);

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Narrower)]
    [InlineData(Boundary)]
    [InlineData(null)]
    public void Check_BoundaryForcedOrVouchedForOrLeftOut_Accepted(string? boundary) =>
        Assert.Empty(OnPlatform(WithAccess(a => a with { PermissionsBoundary = boundary })));

    [Fact]
    public void Check_PathBelowTheForcedOneWithThePrefixAndGrantToListedAccountAndAdoptionInOwnNamespace_Accepted() =>
        Assert.Empty(OnPlatform(r => r with
        {
            Access = r.Access with { RolePath = "/milvus/milvus-search/" },
            CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:role/reader" }],
            Kubernetes = r.Kubernetes with { AdoptServiceAccount = true },
        }));
}
