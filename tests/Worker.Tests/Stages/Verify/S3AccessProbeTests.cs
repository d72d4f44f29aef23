using Amazon.Runtime;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.Verify;

/// <summary>
/// The probe with the key of an IAM user standing in for the workload's role, under moto's IAM enforcement (which is
/// server-wide: this class has a moto_server of its own, and each test turns enforcement on and off again).
/// </summary>
public sealed class S3AccessProbeTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string ListAllowed = "probe: list all buckets of the account was allowed, outside the granted scope";

    private ResourceHarness? admin;

    private ResourceHarness Admin => admin ?? throw new InvalidOperationException("enforcement is not on yet");

    public async Task InitializeAsync()
    {
        var (key, secret) = await moto.EnableAuthAsync();
        admin = new ResourceHarness(moto, new BasicAWSCredentials(key, secret));
    }

    public async Task DisposeAsync()
    {
        admin?.Dispose();
        await moto.DisableAuthAsync();
    }

    [Fact]
    public async Task RunAsync_UserHoldingTheGeneratedPolicy_ReturnsNoProblemsAndLeavesNoProbeObject()
    {
        var plan = await ProvisionAsync("read-write");
        var user = await UserHoldingAsync(plan.AccessPolicy.Arn);

        var problems = await ProbeAsync(user, plan, readOnly: false);

        Assert.Empty(problems);
        // The bucket is new, so anything in it is the probe's. (Not listed by prefix: under enforcement, moto
        // rejects the signature of a query value holding a '/'.)
        var left = await Admin.Aws.S3(plan.Region).ListObjectsV2Async(new ListObjectsV2Request { BucketName = plan.Bucket.Name }, Admin.Ct);
        Assert.Empty(left.S3Objects ?? []);
    }

    [Fact]
    public async Task RunAsync_ReadOnlyUserWithReadOnlyPlan_ReturnsNoProblems()
    {
        var plan = await ProvisionAsync("read-only");
        var user = await UserHoldingAsync(plan.AccessPolicy.Arn);

        var problems = await ProbeAsync(user, plan, readOnly: true);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task RunAsync_ReadWriteUserProbedAsReadOnly_ReportsPutAllowed()
    {
        var plan = await ProvisionAsync("read-write");
        var user = await UserHoldingAsync(plan.AccessPolicy.Arn);

        var problems = await ProbeAsync(user, plan, readOnly: true);

        Assert.Equal(["probe: put object in a read-only grant was allowed, outside the granted scope"], problems);
    }

    [Fact]
    public async Task RunAsync_UserWithS3StarOnStar_ReportsListBucketsAllowed()
    {
        var plan = await ProvisionAsync("read-write");
        var user = await UserWithInlinePolicyAsync("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");

        var problems = await ProbeAsync(user, plan, readOnly: false);

        Assert.Equal([ListAllowed], problems);
    }

    [Fact]
    public async Task RunAsync_UserHoldingAnotherBucketsPolicy_ReportsPutGetAndDeleteFailures()
    {
        var plan = await ProvisionAsync("read-write");
        var other = await ProvisionAsync("read-write");
        var user = await UserHoldingAsync(other.AccessPolicy.Arn);

        var problems = await ProbeAsync(user, plan, readOnly: false);

        Assert.Equal([
            "probe: put probe object failed: Forbidden AccessDenied",
            // The probe reads with HEAD: no body, so the SDK can only name the status.
            "probe: get probe object failed: Forbidden Forbidden",
            "probe: delete probe object failed: Forbidden AccessDenied",
        ], problems);
    }

    private Task<IReadOnlyList<string>> ProbeAsync(AWSCredentials user, EnvironmentPlan plan, bool readOnly) =>
        new S3AccessProbe(Admin.Aws).RunAsync(user, plan.Region, plan.Bucket.Name, readOnly, Admin.Ct);

    /// <summary>The bucket and policy stages, run by an administrator as the worker would run them.</summary>
    private async Task<EnvironmentPlan> ProvisionAsync(string permissions)
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("probe"));
        var plan = TestEnvironments.Plan(request with { Access = request.Access with { Permissions = permissions } });
        Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(Admin.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name,
            plan.Environment, Admin.Ct));
        Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(Admin.Policy, plan.AccessPolicy, StageNames.AccessPolicy,
            plan.AccessPolicy.Name, plan.Environment, Admin.Ct));
        return plan;
    }

    private async Task<AWSCredentials> UserHoldingAsync(string policyArn)
    {
        var user = await NewUserAsync();
        await Admin.Iam.Users.AttachUserPolicyAsync(user, policyArn, Admin.Ct);
        return await KeyOfAsync(user);
    }

    private async Task<AWSCredentials> UserWithInlinePolicyAsync(string document)
    {
        var user = await NewUserAsync();
        await Admin.Iam.Users.PutUserPolicyAsync(user, "inline", document, Admin.Ct);
        return await KeyOfAsync(user);
    }

    private async Task<string> NewUserAsync()
    {
        var user = TestEnvironments.NewName("workload");
        await Admin.Iam.Users.CreateUserAsync(user, "/", null, new Dictionary<string, string>(), Admin.Ct);
        return user;
    }

    private async Task<AWSCredentials> KeyOfAsync(string user)
    {
        var key = await Admin.Iam.Users.CreateAccessKeyAsync(user, Admin.Ct);
        return new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey);
    }
}
