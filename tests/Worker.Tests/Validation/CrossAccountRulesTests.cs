using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

public sealed class CrossAccountRulesTests
{
    private const string Other = "arn:aws:iam::210987654321:role/analytics";

    private static EnvironmentRequest With(params CrossAccountGrant[] grants) => TestRequests.Valid() with { CrossAccount = grants };

    private static CrossAccountGrant Grant(string principal = Other, string permissions = "read-only", GrantConditions? conditions = null) =>
        new() { Principal = principal, Permissions = permissions, Conditions = conditions };

    public static TheoryData<string, string, string> Bad => new()
    {
        { "*", "crossAccount[0].principal", "wildcards are never granted" },
        { "arn:aws:iam::210987654321:role/*", "crossAccount[0].principal", "wildcards are never granted" },
        { "arn:aws:iam::*:root", "crossAccount[0].principal", "wildcards are never granted" },
        { "210987654321", "crossAccount[0].principal", "must be the ARN of an account root, role or user" },
        { "arn:aws:iam::21098765432:root", "crossAccount[0].principal", "must be the ARN" },
        { "arn:aws:iam::210987654321:group/analysts", "crossAccount[0].principal", "must be the ARN" },
        { "arn:aws:sts::210987654321:assumed-role/analytics/session", "crossAccount[0].principal", "must be the ARN" },
        { "arn:aws:iam::210987654321:role/", "crossAccount[0].principal", "must be the ARN" },
        { "arn:aws-cn:iam::210987654321:root", "crossAccount[0].principal", "is in partition aws-cn, but the bucket is in aws" },
        { $"arn:aws:iam::{TestRequests.Account}:role/analytics", "crossAccount[0].principal", "this bucket's own account" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Check_BadPrincipal_ReportsPrincipal(string principal, string field, string message) =>
        AssertOnly(With(Grant(principal)), field, message);

    [Theory]
    [InlineData("arn:aws:iam::210987654321:root")]
    [InlineData("arn:aws:iam::210987654321:role/analytics")]
    [InlineData("arn:aws:iam::210987654321:role/service-role/etl.reader@team")]
    [InlineData("arn:aws:iam::210987654321:user/alice")]
    public void Check_NamedPrincipalOfAnotherAccount_NoProblems(string principal) =>
        Assert.Empty(CrossAccountRules.Check(With(Grant(principal)), TestRequests.Now));

    [Theory]
    [InlineData("203.0.113.0/24")]
    [InlineData("203.0.113.7/32")]
    [InlineData("2001:db8::/32")]
    public void Check_CidrBlock_NoProblems(string cidr) =>
        Assert.Empty(CrossAccountRules.Check(With(Grant(conditions: new GrantConditions { SourceIp = [cidr] })), TestRequests.Now));

    [Theory]
    [InlineData("203.0.113.0/33")]
    [InlineData("203.0.113.5/24")]
    [InlineData("203.0.113.5")]
    [InlineData("300.0.113.0/24")]
    [InlineData("2001:db8::/129")]
    [InlineData("office")]
    public void Check_BadCidr_ReportsItsIndex(string cidr) =>
        AssertOnly(With(Grant(conditions: new GrantConditions { SourceIp = ["198.51.100.0/24", cidr] })),
            "crossAccount[0].conditions.sourceIp[1]", "is not a CIDR block");

    [Fact]
    public void Check_EmptySourceIpList_Reported() =>
        AssertOnly(With(Grant(conditions: new GrantConditions { SourceIp = [] })), "crossAccount[0].conditions.sourceIp", "is empty");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-86400 * 365)]
    public void Check_NotAfterNotInTheFuture_Reported(int seconds) =>
        AssertOnly(With(Grant(conditions: new GrantConditions { NotAfter = TestRequests.Now.AddSeconds(seconds) })),
            "crossAccount[0].conditions.notAfter", "is not in the future");

    [Fact]
    public void Check_NotAfterInTheFuture_NoProblems() =>
        Assert.Empty(CrossAccountRules.Check(With(Grant(conditions: new GrantConditions { NotAfter = TestRequests.Now.AddDays(1) })),
            TestRequests.Now));

    [Theory]
    [InlineData("full")]
    [InlineData("READ-ONLY")]
    [InlineData("")]
    public void Check_UnknownPermissions_Reported(string permissions) =>
        AssertOnly(With(Grant(permissions: permissions)), "crossAccount[0].permissions", "must be read-only or read-write");

    [Fact]
    public void Check_SamePrincipalTwice_ReportsTheSecond() =>
        AssertOnly(With(Grant(), Grant(permissions: "read-write")), "crossAccount[1].principal", "is granted twice");

    [Fact]
    public void Check_MoreThanTwentyGrants_Reported() =>
        AssertOnly(With(Enumerable.Range(0, 21).Select(i => Grant($"arn:aws:iam::2109876543{i:D2}:root")).ToArray()), "crossAccount", "at most 20");

    [Fact]
    public void Check_RequireMfaWithRole_NoProblemBecauseItIsAPlanWarning() =>
        Assert.Empty(CrossAccountRules.Check(With(Grant(conditions: new GrantConditions { RequireMfa = true })), TestRequests.Now));

    [Fact]
    public void Validate_RequestWithGrants_AcceptedByTheWholeValidator() =>
        Assert.Empty(RequestValidator.Validate(With(Grant(permissions: "read-write", conditions: new GrantConditions
        {
            SourceIp = ["203.0.113.0/24"], RequireMfa = false, NotAfter = TestRequests.Now.AddYears(1),
        })), TestRequests.Now));

    private static void AssertOnly(EnvironmentRequest request, string field, string message)
    {
        var problems = RequestValidator.Validate(request, TestRequests.Now);
        Assert.True(problems.Count == 1 && problems[0].Field == field && problems[0].Message.Contains(message, StringComparison.Ordinal),
            $"expected only '{field}: …{message}…' in [{string.Join("; ", problems)}]");
    }
}
