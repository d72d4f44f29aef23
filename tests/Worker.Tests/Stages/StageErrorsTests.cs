using System.Net;
using Amazon.S3;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.Role;

namespace Provisioner.Worker.Tests.Stages;

public sealed class StageErrorsTests
{
    public static TheoryData<Exception, bool> Errors => new()
    {
        { new ResourceConflictException("bucket", "b", "is not ours"), true },
        { new OidcProviderMissingException("https://oidc.example.test/id/X"), true },
        { new ResourceRetainedException("bucket", "b", "it holds objects"), true },
        { new RunAbandonedException("no progress"), true },
        { new AwsException("iam", "EntityAlreadyExists", "taken", HttpStatusCode.Conflict), true },
        { new AwsException("iam", "MalformedPolicyDocument", "bad", HttpStatusCode.BadRequest), true },
        { new AwsException("iam", "Throttling", "slow down", HttpStatusCode.BadRequest), false },
        { new AwsException("iam", "ServiceFailure", "oops", HttpStatusCode.InternalServerError), false },
        { new AmazonS3Exception("denied") { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden }, true },
        { new AmazonS3Exception("slow") { ErrorCode = "SlowDown", StatusCode = HttpStatusCode.ServiceUnavailable }, false },
        { new HttpRequestException("connection reset"), false },
        { new TimeoutException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsTerminal_EachErrorClass_RetriedOnlyWhenRetryCanHelp(Exception error, bool terminal) =>
        Assert.Equal(terminal, StageErrors.IsTerminal(error));
}
