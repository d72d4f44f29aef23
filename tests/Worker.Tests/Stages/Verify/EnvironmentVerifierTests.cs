using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.Verify;

/// <summary>
/// An environment made by the real resources in moto verifies; changed behind the worker's back, it fails with exactly
/// what changed. The ServiceAccount and the release are stubs: these tests are about what the verifier makes of them.
/// </summary>
[Collection("moto")]
public sealed class EnvironmentVerifierTests(MotoServer moto) : IDisposable
{
    private const string PlannedSub = "system:serviceaccount:milvus:milvus-s3-access-sa";

    private static readonly VerifyOptions FastProbe = new()
    {
        ProbeAttempts = 2,
        ProbeInitialBackoff = TimeSpan.FromMilliseconds(10),
        ProbeMaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private static readonly string[] DocumentChecks = ["trust policy", "policy attachment", "policy default version"];

    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task VerifyAsync_ProvisionedAndServiceAccountNotManaged_PassesWithProbeSkipped()
    {
        var plan = await ProvisionAsync(NewRequest());

        var report = await Verifier().VerifyAsync(plan, Ct);

        Assert.Equal(DocumentChecks, report.Checks);
        Assert.Equal("skipped: the worker does not manage the ServiceAccount", report.Probe);
    }

    [Fact]
    public async Task VerifyAsync_ProvisionedWithServiceAccountAndReleaseUpToDateAndProbeOff_PassesWithEveryCheck()
    {
        var plan = await ProvisionAsync(ManagedRequest() with { Milvus = new MilvusSpec() });
        var serviceAccounts = new StubResource<ServiceAccountPlan>(UpToDate(plan));
        var releases = new StubResource<MilvusReleasePlan>(UpToDate(plan));
        var tokens = new RecordingTokenSource();

        var report = await Verifier(serviceAccounts, releases, tokens, FastProbe with { ActiveProbe = "Off" }).VerifyAsync(plan, Ct);

        Assert.Equal([.. DocumentChecks, "service account annotation", "release status"], report.Checks);
        Assert.Equal("skipped: Verify:ActiveProbe is Off", report.Probe);
        Assert.Equal((1, 1), (serviceAccounts.Observed, releases.Observed));
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task VerifyAsync_TrustUpdatedToAnotherServiceAccount_ReportsTheSub()
    {
        var plan = await ProvisionAsync(NewRequest());
        await harness.Iam.Roles.UpdateAssumeRolePolicyAsync(plan.Role.Name,
            TrustDocument(plan, "system:serviceaccount:milvus:intruder"), Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal([$"trust policy sub: expected '{PlannedSub}', found 'system:serviceaccount:milvus:intruder'"], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_PolicyDetached_ReportsTheAttachment()
    {
        var plan = await ProvisionAsync(NewRequest());
        await harness.Iam.Roles.DetachRolePolicyAsync(plan.Role.Name, plan.AccessPolicy.Arn, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal([$"policy {plan.AccessPolicy.Arn} is not attached to role {plan.Role.Name}"], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_NewDefaultPolicyVersionWithExtraStatement_ReportsTheExtraStatement()
    {
        var plan = await ProvisionAsync(NewRequest());
        var widened = JsonNode.Parse(plan.AccessPolicy.Document)!;
        widened["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}"""));
        await harness.Iam.Policies.CreatePolicyVersionAsync(plan.AccessPolicy.Arn, widened.ToJsonString(), setAsDefault: true, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal(["""access policy: extra statement {"Action":["s3:GetObject"],"Effect":"Allow","Resource":["arn:aws:s3:::payroll/*"]}"""],
            error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_RoleDeleted_ReportsTheRoleMissing()
    {
        var plan = await ProvisionAsync(NewRequest());
        await harness.Role.DeleteAsync(plan.Role, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal([$"role {plan.Role.Name} does not exist"], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_PolicyDetachedAndDeleted_ReportsBoth()
    {
        var plan = await ProvisionAsync(NewRequest());
        // AWS refuses to delete an attached policy, so whoever deletes it has detached it first.
        await harness.Iam.Roles.DetachRolePolicyAsync(plan.Role.Name, plan.AccessPolicy.Arn, Ct);
        await harness.Policy.DeleteAsync(plan.AccessPolicy, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal([
            $"policy {plan.AccessPolicy.Arn} is not attached to role {plan.Role.Name}",
            $"policy {plan.AccessPolicy.Arn} does not exist",
        ], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_PolicyDeletedWhileAttached_ReportsThePolicyMissing()
    {
        var plan = await ProvisionAsync(NewRequest());
        // Only moto allows this (AWS answers DeleteConflict), and it keeps listing the deleted policy as attached.
        await harness.Iam.Policies.DeletePolicyAsync(plan.AccessPolicy.Arn, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier().VerifyAsync(plan, Ct));

        Assert.Equal([$"policy {plan.AccessPolicy.Arn} does not exist"], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_SeveralThingsChanged_ListsEveryDifferenceAtOnce()
    {
        var plan = await ProvisionAsync(ManagedRequest() with { Milvus = new MilvusSpec() });
        await harness.Iam.Roles.UpdateAssumeRolePolicyAsync(plan.Role.Name,
            TrustDocument(plan, PlannedSub).Replace("sts.amazonaws.com", "vault", StringComparison.Ordinal), Ct);
        await harness.Iam.Roles.DetachRolePolicyAsync(plan.Role.Name, plan.AccessPolicy.Arn, Ct);

        var error = await Assert.ThrowsAsync<VerificationFailedException>(() => Verifier(
            new StubResource<ServiceAccountPlan>(Observation.Missing),
            new StubResource<MilvusReleasePlan>(Observation.Found(OwnershipTags.For(plan.Environment, plan.RunId), ["status"])),
            new RecordingTokenSource()).VerifyAsync(plan, Ct));

        Assert.Equal([
            "trust policy aud: expected 'sts.amazonaws.com', found 'vault'",
            $"policy {plan.AccessPolicy.Arn} is not attached to role {plan.Role.Name}",
            "service account does not exist",
            "release: status differs from the plan",
        ], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_ServiceAccountAnnotationDrifted_ReportsTheAnnotation()
    {
        var plan = await ProvisionAsync(ManagedRequest());
        var serviceAccounts = new StubResource<ServiceAccountPlan>(
            Observation.Found(OwnershipTags.For(plan.Environment, plan.RunId), ["annotation"]));

        var error = await Assert.ThrowsAsync<VerificationFailedException>(
            () => Verifier(serviceAccounts, tokens: new RecordingTokenSource()).VerifyAsync(plan, Ct));

        Assert.Equal(["service account: annotation differs from the plan"], error.Differences);
    }

    [Fact]
    public async Task VerifyAsync_ServiceAccountMissing_ReportsIt()
    {
        var plan = await ProvisionAsync(ManagedRequest());
        var tokens = new RecordingTokenSource();

        var error = await Assert.ThrowsAsync<VerificationFailedException>(
            () => Verifier(new StubResource<ServiceAccountPlan>(Observation.Missing), tokens: tokens).VerifyAsync(plan, Ct));

        Assert.Equal(["service account does not exist"], error.Differences);
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task VerifyAsync_ReleaseNotDeployed_ReportsTheStatus()
    {
        var plan = await ProvisionAsync(ManagedRequest() with { Milvus = new MilvusSpec() });
        var releases = new StubResource<MilvusReleasePlan>(Observation.Found(OwnershipTags.For(plan.Environment, plan.RunId), ["status"]));

        var error = await Assert.ThrowsAsync<VerificationFailedException>(
            () => Verifier(new StubResource<ServiceAccountPlan>(UpToDate(plan)), releases).VerifyAsync(plan, Ct));

        Assert.Equal(["release: status differs from the plan"], error.Differences);
    }

    /// <summary>
    /// moto hands out credentials for any web-identity token and role (it never evaluates the trust), and without IAM
    /// enforcement every S3 call is allowed, ListBuckets included. So the allow/deny half of the probe cannot be honest
    /// here (S3AccessProbeTests prove it with enforcement on); this proves the token is asked for the planned
    /// ServiceAccount and audience, and that a probe that fails, here against a bucket that was never made, fails
    /// verification after the configured attempts.
    /// </summary>
    [Fact]
    public async Task VerifyAsync_ProbeAgainstMissingBucket_RequestsStsTokenForPlannedServiceAccountAndFails()
    {
        var plan = await ProvisionAsync(ManagedRequest(), createBucket: false);
        var tokens = new RecordingTokenSource();

        var error = await Assert.ThrowsAsync<VerificationFailedException>(
            () => Verifier(new StubResource<ServiceAccountPlan>(UpToDate(plan)), tokens: tokens).VerifyAsync(plan, Ct));

        Assert.Equal([
            "probe: put probe object failed: NotFound NoSuchBucket",
            // The probe reads with HEAD: no body, so the SDK can only name the status.
            "probe: get probe object failed: NotFound NotFound",
            "probe: delete probe object failed: NotFound NoSuchBucket",
            "probe: list all buckets of the account was allowed, outside the granted scope",
        ], error.Differences);
        Assert.Equal(Enumerable.Repeat(("milvus", "milvus-s3-access-sa", "sts.amazonaws.com"), FastProbe.ProbeAttempts), tokens.Requests);
    }

    private EnvironmentVerifier Verifier(IResource<ServiceAccountPlan>? serviceAccounts = null, IResource<MilvusReleasePlan>? releases = null,
        IServiceAccountTokenSource? tokens = null, VerifyOptions? options = null, IResource<BucketPolicyPlan>? bucketPolicies = null) =>
        new(harness.Iam, harness.Aws, new S3AccessProbe(harness.Aws), Microsoft.Extensions.Options.Options.Create(options ?? FastProbe),
            serviceAccounts, releases, tokens, bucketPolicies: bucketPolicies);

    [Fact]
    public async Task VerifyAsync_BucketPolicyStatementsDrifted_ReportsTheBucketPolicy()
    {
        var plan = await ProvisionAsync(NewRequest());
        var withGrants = plan with
        {
            BucketPolicy = new BucketPolicyPlan(plan.Bucket.Name, plan.Region, plan.Bucket.Arn, "MilvusProvisionerTest", [], [], plan.Bucket.Tags),
        };
        var drifted = new StubResource<BucketPolicyPlan>(Observation.Found(OwnershipTags.For(plan.Environment, plan.RunId), ["statements"]));

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(
            () => Verifier(bucketPolicies: drifted).VerifyAsync(withGrants, Ct));

        Assert.Equal(["bucket policy: statements differs from the plan"], failure.Differences);
        Assert.Equal(1, drifted.Observed);
    }

    private static EnvironmentRequest NewRequest() => TestEnvironments.Request(TestEnvironments.NewName("verify"));

    private static EnvironmentRequest ManagedRequest()
    {
        var request = NewRequest();
        return request with { Kubernetes = request.Kubernetes with { Manage = true } };
    }

    private static Observation UpToDate(EnvironmentPlan plan) => Observation.Found(OwnershipTags.For(plan.Environment, plan.RunId), []);

    /// <summary>Every AWS stage as the worker runs it, after eksctl has registered the cluster's OIDC provider.</summary>
    private async Task<EnvironmentPlan> ProvisionAsync(EnvironmentRequest request, bool createBucket = true)
    {
        var plan = TestEnvironments.Plan(request);
        if (createBucket)
            Assert.Equal(Reconciler.Created,
                await TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name, plan.Environment, Ct));
        Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(harness.Policy, plan.AccessPolicy, StageNames.AccessPolicy,
            plan.AccessPolicy.Name, plan.Environment, Ct));
        await harness.Iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(
            plan.Role.OidcIssuer, ["sts.amazonaws.com"], [], new Dictionary<string, string>(), Ct);
        Assert.Equal(Reconciler.Created,
            await TestReconciler.EnsureAsync(harness.Role, plan.Role, StageNames.Role, plan.Role.Name, plan.Environment, Ct));
        return plan;
    }

    /// <summary>The guide's IRSA trust written out, with the sub the test chooses.</summary>
    private static string TrustDocument(EnvironmentPlan plan, string sub)
    {
        var hostPath = plan.Role.OidcIssuer["https://".Length..];
        return $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"Federated":"arn:aws:iam::{{MotoServer.AccountId}}:oidc-provider/{{hostPath}}"},
              "Action":"sts:AssumeRoleWithWebIdentity",
              "Condition":{"StringEquals":{"{{hostPath}}:sub":"{{sub}}","{{hostPath}}:aud":"sts.amazonaws.com"} } } ] }
            """;
    }
}
