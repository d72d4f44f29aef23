using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.BucketPolicy;

namespace Provisioner.Worker.Tests.Stages.BucketPolicy;

/// <summary>Grants, plans and expected documents for the bucket-policy tests.</summary>
internal static class BucketPolicyScenes
{
    public const string Analytics = "arn:aws:iam::210987654321:role/analytics";
    public const string Auditor = "arn:aws:iam::111122223333:user/auditor";

    /// <summary>What someone else put in the bucket's policy: every write of ours must carry it over.</summary>
    private const string Foreign = """
        { "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": ["arn:aws:s3:::{0}", "arn:aws:s3:::{0}/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
        """;

    public static EnvironmentPlan NewPlan(params CrossAccountGrant[] grants) =>
        TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("bp")) with { CrossAccount = grants });

    public static CrossAccountGrant Grant(string principal, string permissions = "read-only", GrantConditions? conditions = null) =>
        new() { Principal = principal, Permissions = permissions, Conditions = conditions };

    public static string ForeignStatement(EnvironmentPlan plan) => Foreign.Replace("{0}", plan.Bucket.Name, StringComparison.Ordinal);

    public static string Document(params string[] statements) =>
        $$"""{ "Version": "2012-10-17", "Statement": [{{string.Join(",", statements)}}] }""";

    /// <summary>Same statements by meaning, whatever order and single-or-array form S3 hands back.</summary>
    public static void AssertPolicy(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(BucketPolicyDocument.SameStatements(BucketPolicyDocument.Parse(actual).Statements,
            BucketPolicyDocument.Parse(expected).Statements.Select(s => s.ToJsonString())), $"Expected: {expected}\nActual:   {actual}");
    }
}
