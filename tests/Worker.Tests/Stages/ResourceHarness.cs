using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages;

/// <summary>
/// The three resources wired as the host wires them, against a moto_server, plus the raw clients a test uses to
/// look behind the resource's back (or to change things there).
/// </summary>
internal sealed class ResourceHarness : IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));

    public ResourceHarness(MotoServer moto, AWSCredentials? credentials = null)
    {
        Aws = new AwsClients(Microsoft.Extensions.Options.Options.Create(moto.Options), credentials ?? moto.Credentials);
        Iam = moto.CreateIamClient(credentials);
        Bucket = new S3BucketResource(Aws, new S3BucketContents(Aws), NullLogger<S3BucketResource>.Instance);
        Policy = new IamPolicyResource(Iam);
        Role = new IamRoleResource(Iam, new OidcProviders(Iam), AwsRegistration.IamConsistencyRetry(moto.Options));
    }

    public AwsClients Aws { get; }

    public IamClient Iam { get; }

    public S3BucketResource Bucket { get; }

    public IamPolicyResource Policy { get; }

    public IamRoleResource Role { get; }

    public CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        Aws.Dispose();
        Iam.Dispose();
        timeout.Dispose();
    }
}
