using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.BucketPolicy;

public sealed class BucketPolicyPlannerTests
{
    private const string Principal = "arn:aws:iam::210987654321:role/analytics";
    private const string Bucket = "arn:aws:s3:::" + TestRequests.DerivedBucket;

    private static BucketPolicyPlan PlanFor(string permissions = "read-only", GrantConditions? conditions = null,
        Func<EnvironmentRequest, EnvironmentRequest>? change = null)
    {
        var request = TestRequests.Valid() with
        {
            CrossAccount = [new CrossAccountGrant { Principal = Principal, Permissions = permissions, Conditions = conditions }],
        };
        return TestRequests.Plan(change is null ? request : change(request)).BucketPolicy!;
    }

    private static string Sid => BucketPolicyPlanner.SidPrefix(TestRequests.Environment) + Hex8(Principal);

    private static string Hex8(string value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..8];

    private static string Expected(string actions, string? condition = null) => $$"""
        { "Sid": "{{Sid}}", "Effect": "Allow", "Principal": { "AWS": "{{Principal}}" },
          "Action": [{{actions}}], "Resource": ["{{Bucket}}", "{{Bucket}}/*"]{{(condition is null ? "" : $", \"Condition\": {condition}")}} }
        """;

    private const string ReadOnly = "\"s3:GetObject\", \"s3:ListBucket\"";

    [Fact]
    public void Plan_ReadOnlyWithoutConditions_ListAndGetOnBucketAndKeys() =>
        JsonAssert.Equivalent(Expected(ReadOnly), Assert.Single(PlanFor().Grants).Statement);

    [Fact]
    public void Plan_ReadWrite_AddsPutAndDelete() =>
        JsonAssert.Equivalent(Expected("\"s3:DeleteObject\", \"s3:GetObject\", \"s3:ListBucket\", \"s3:PutObject\""),
            Assert.Single(PlanFor("read-write").Grants).Statement);

    [Fact]
    public void Plan_SourceIp_IpAddressCondition() =>
        JsonAssert.Equivalent(Expected(ReadOnly, """{ "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }"""),
            PlanFor(conditions: new GrantConditions { SourceIp = ["203.0.113.0/24", "2001:db8::/32"] }).Grants.Single().Statement);

    [Fact]
    public void Plan_RequireMfa_BoolCondition() =>
        JsonAssert.Equivalent(Expected(ReadOnly, """{ "Bool": { "aws:MultiFactorAuthPresent": "true" } }"""),
            PlanFor(conditions: new GrantConditions { RequireMfa = true }).Grants.Single().Statement);

    [Fact]
    public void Plan_NotAfterWithOffset_DateLessThanInUtc() =>
        JsonAssert.Equivalent(Expected(ReadOnly, """{ "DateLessThan": { "aws:CurrentTime": "2027-01-31T22:59:59Z" } }"""),
            PlanFor(conditions: new GrantConditions { NotAfter = new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.FromHours(1)) })
                .Grants.Single().Statement);

    [Fact]
    public void Plan_AllConditions_OneStatementWithAllThree() =>
        JsonAssert.Equivalent(Expected(ReadOnly, """
            { "IpAddress": { "aws:SourceIp": ["203.0.113.0/24"] }, "Bool": { "aws:MultiFactorAuthPresent": "true" },
              "DateLessThan": { "aws:CurrentTime": "2027-01-31T23:59:59Z" } }
            """), PlanFor(conditions: new GrantConditions
        {
            SourceIp = ["203.0.113.0/24"], RequireMfa = true, NotAfter = new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.Zero),
        }).Grants.Single().Statement);

    [Theory]
    [InlineData("read-only", true)]
    [InlineData("read-write", false)]
    public void Plan_Grant_IdentityPolicyForTheOtherAccountIsTheScopedBucketPolicy(string permissions, bool readOnly) =>
        JsonAssert.Equivalent(PolicyDocuments.BucketAccess("aws", TestRequests.DerivedBucket, readOnly).ToJsonString(),
            PlanFor(permissions).Grants.Single().IdentityPolicy);

    [Fact]
    public void Plan_SameRequestTwice_SameSids() =>
        Assert.Equal(PlanFor().Grants.Single().Sid, PlanFor("read-write").Grants.Single().Sid);

    [Fact]
    public void Plan_OtherEnvironment_OtherSidPrefix() =>
        Assert.NotEqual(BucketPolicyPlanner.SidPrefix("tenant-a"), BucketPolicyPlanner.SidPrefix("tenant-b"));

    [Fact]
    public void Plan_RequireMfaWithRole_WarnsButPlans()
    {
        var plan = PlanFor(conditions: new GrantConditions { RequireMfa = true });

        Assert.Contains(plan.Warnings, w => w.StartsWith("crossAccount[0]: requireMfa with a role principal", StringComparison.Ordinal));
        Assert.Single(plan.Grants);
    }

    [Fact]
    public void Plan_RequireMfaWithUser_NoWarning() =>
        Assert.Empty(TestRequests.Plan(TestRequests.Valid() with
        {
            CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:user/alice", Conditions = new() { RequireMfa = true } }],
        }).BucketPolicy!.Warnings);

    [Fact]
    public void Plan_ReadWriteIntoObjectWriterBucket_WarnsAboutObjectOwnership() =>
        Assert.Contains(PlanFor("read-write").Warnings, w => w.Contains("BucketOwnerEnforced", StringComparison.Ordinal));

    [Fact]
    public void Plan_NoCrossAccountList_NoStage()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());

        Assert.Null(plan.BucketPolicy);
        Assert.DoesNotContain(StageNames.BucketPolicy, plan.Stages);
    }

    [Fact]
    public void Plan_EmptyCrossAccountList_StageThatRemovesOurStatements()
    {
        var plan = TestRequests.Plan(TestRequests.Valid() with { CrossAccount = [] });

        Assert.Empty(plan.BucketPolicy!.Grants);
        Assert.Equal([StageNames.Bucket, StageNames.BucketPolicy, StageNames.AccessPolicy], plan.Stages.Take(3));
    }

    [Fact]
    public void Print_Grants_StatementAndIdentityPolicyAsObjectsWithWarnings()
    {
        var plan = TestRequests.Plan(TestRequests.Valid() with
        {
            CrossAccount = [new CrossAccountGrant { Principal = Principal, Conditions = new() { RequireMfa = true } }],
        });

        var json = PlanPrinter.ToJson(plan);

        var grant = json["bucketPolicy"]!["grants"]![0]!;
        Assert.IsType<JsonObject>(grant["statement"]);
        Assert.Equal("arn:aws:s3:::" + TestRequests.DerivedBucket, grant["identityPolicy"]!["Statement"]![0]!["Resource"]![0]!.GetValue<string>());
        Assert.NotEmpty(json["bucketPolicy"]!["warnings"]!.AsArray());
        Assert.Equal(StageNames.BucketPolicy, json["stages"]![1]!.GetValue<string>());
    }
}
