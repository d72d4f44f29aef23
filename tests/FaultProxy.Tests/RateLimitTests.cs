namespace Provisioner.FaultProxy.Tests;

public sealed class RateLimitTests
{
    [Theory]
    [InlineData("iam", null, "iam", "GetRole", true)]
    [InlineData("iam", null, "s3", "GetObject", false)]
    [InlineData("iam", "mutating", "iam", "CreateRole", true)]
    [InlineData("iam", "mutating", "iam", "AttachRolePolicy", true)]
    [InlineData("iam", "mutating", "iam", "GetRole", false)]
    [InlineData("iam", "mutating", "iam", "ListAttachedRolePolicies", false)]
    [InlineData("iam", "CreateRole, DeleteRole", "iam", "DeleteRole", true)]
    [InlineData("iam", "CreateRole, DeleteRole", "iam", "CreatePolicy", false)]
    [InlineData("s3", "mutating", "s3", "HeadBucket", false)]
    [InlineData("s3", "mutating", "s3", "PutBucketTagging", true)]
    public void Applies_ServiceAndCallClass_MatchesOnlyItsCalls(string service, string? calls, string callService, string callName, bool applies)
    {
        var limit = new RateLimit(service, 1, 1, calls);

        Assert.Equal(applies, limit.Applies(new AwsCall(callService, callName, AwsProtocol.Query)));
    }
}
