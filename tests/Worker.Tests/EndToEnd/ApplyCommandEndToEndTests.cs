using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// <c>apply</c> as users run it: the built program against moto, configured by environment variables only. What it
/// reports (exit code, status JSON) is checked against what moto holds afterwards.
/// </summary>
public sealed class ApplyCommandEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IDisposable
{
    private const string Region = WorkerEndToEndFixture.Region;
    private const string ForeignTrust =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly ScratchDirectory scratch = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        timeout.Dispose();
        scratch.Dispose();
    }

    [Fact]
    public async Task Apply_NewEnvironment_CreatesExactlyWhatThePlanSays()
    {
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-apply", Guid.NewGuid());
        var plan = await PlanAsync(request);

        var result = await ApplyAsync(request);

        Assert.True(result.ExitCode == 0, result.ToString());
        var (bucketName, policyArn, roleName) = (Text(plan, "bucket", "name"), Text(plan, "accessPolicy", "arn"), Text(plan, "role", "name"));
        var location = await fixture.Aws.S3(Region).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucketName }, Ct);
        Assert.Equal(Region, location.Location?.Value);
        var policy = await fixture.Iam.Policies.GetPolicyAsync(policyArn, Ct);
        Assert.NotNull(policy);
        JsonAssert.Equivalent(plan["accessPolicy"]!["document"]!.ToJsonString(),
            await fixture.Iam.Policies.GetPolicyVersionDocumentAsync(policyArn, policy.DefaultVersionId, Ct));
        var role = await fixture.Iam.Roles.GetRoleAsync(roleName, Ct);
        Assert.NotNull(role);
        JsonAssert.Equivalent(plan["role"]!["trustPolicy"]!.ToJsonString(), role.AssumeRolePolicyDocument);
        Assert.Contains(policyArn, await fixture.Iam.Roles.ListAttachedRolePoliciesAsync(roleName, Ct));
        var status = Status(result);
        Assert.Equal("provisioned", status.State);
        // manage: false — the caller applies the ServiceAccount, so the final status carries it.
        var manifest = JsonNode.Parse(status.ServiceAccountManifest!)!;
        Assert.Equal(Text(plan, "role", "arn"), manifest["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        Assert.Equal(
            [(StageNames.Bucket, StageStatus.Completed, Text(plan, "bucket", "arn")), (StageNames.AccessPolicy, StageStatus.Completed, policyArn),
                (StageNames.Role, StageStatus.Completed, Text(plan, "role", "arn")), (StageNames.Verify, StageStatus.Completed, null)],
            status.Stages.Select(s => (s.Stage, s.Status, s.Outputs.GetValueOrDefault("arn"))));
    }

    [Fact]
    public async Task Apply_SameRequestAgainWithoutRunId_ReportsEveryStageUnchanged()
    {
        var first = await ApplyAsync(ExampleRequests.Write(scratch.Path, "first.json", "e2e-rerun", Guid.NewGuid()));
        Assert.True(first.ExitCode == 0, first.ToString());

        var again = await ApplyAsync(ExampleRequests.Write(scratch.Path, "again.json", "e2e-rerun", requestId: null));

        Assert.True(again.ExitCode == 0, again.ToString());
        var status = Status(again);
        Assert.Equal("provisioned", status.State);
        Assert.Equal([(StageNames.Bucket, "unchanged"), (StageNames.AccessPolicy, "unchanged"), (StageNames.Role, "unchanged"), (StageNames.Verify, "verified")],
            status.Stages.Select(s => (s.Stage, s.Action)));
        var policyArn = status.Stages.Single(s => s.Stage == StageNames.AccessPolicy).Outputs["arn"];
        Assert.Single(await fixture.Iam.Policies.ListPolicyVersionsAsync(policyArn, Ct));
    }

    [Fact]
    public async Task Apply_RoleNameTakenByForeignRole_ExitsOneAndRemovesWhatItCreated()
    {
        const string environment = "e2e-foreign-role";
        var request = ExampleRequests.Write(scratch.Path, "request.json", environment, requestId: null);
        var plan = await PlanAsync(request);
        var roleName = Text(plan, "role", "name");
        await fixture.Iam.Roles.CreateRoleAsync(roleName, "/", ForeignTrust, "someone else's", null, new Dictionary<string, string>(), Ct);

        var result = await ApplyAsync(request);

        Assert.True(result.ExitCode == 1, result.ToString());
        var status = Status(result);
        Assert.Equal(("rolled-back", StageNames.Role), (status.State, status.FailedStage));
        // Compensated, not skipped: the bucket and the policy did exist before the role stage failed.
        Assert.Equal([(StageNames.Bucket, StageStatus.Compensated), (StageNames.AccessPolicy, StageStatus.Compensated), (StageNames.Role, StageStatus.Failed), (StageNames.Verify, StageStatus.Skipped)],
            status.Stages.Select(s => (s.Stage, s.Status)));
        Assert.DoesNotContain(await BucketNamesAsync(), name => name.Contains(environment, StringComparison.Ordinal));
        Assert.Null(await fixture.Iam.Policies.GetPolicyAsync(Text(plan, "accessPolicy", "arn"), Ct));
        var foreign = await fixture.Iam.Roles.GetRoleAsync(roleName, Ct);
        Assert.NotNull(foreign);
        JsonAssert.Equivalent(ForeignTrust, foreign.AssumeRolePolicyDocument);
        Assert.Equal("someone else's", foreign.Description);
        Assert.Empty(foreign.Tags);
        Assert.Empty(await fixture.Iam.Roles.ListAttachedRolePoliciesAsync(roleName, Ct));
    }

    [Fact]
    public async Task Apply_InvalidBucketNameAndRegion_ExitsTwoNamingBothFields()
    {
        var before = await BucketNamesAsync();
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-invalid", requestId: null, r =>
        {
            r["bucket"]!["name"] = "Bad_Name";
            r["aws"]!["region"] = "nowhere";
        });

        var result = await ApplyAsync(request);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bucket.name", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("aws.region", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, await BucketNamesAsync());
    }

    [Fact]
    public async Task Apply_DistinctiveSecretKey_NeverWritesItToOutputOrSagaStore()
    {
        // Letters and digits only: a secret with '+' or '/' would be escaped in JSON and slip past a plain search.
        var secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-secret", Guid.NewGuid());

        var result = await WorkerProcess.RunAsync(scratch.Path, fixture.Variables(scratch.File("saga.db"), secret), RunTimeout,
            "apply", request, "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(secret, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.StandardError, StringComparison.Ordinal);
        // The database and whatever WAL/shared-memory files SQLite left beside it.
        var files = Directory.GetFiles(scratch.Path, "saga.db*");
        Assert.Contains(scratch.File("saga.db"), files);
        var needle = Encoding.UTF8.GetBytes(secret);
        Assert.All(files, file => Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{file} holds the secret key"));
    }

    private Task<WorkerResult> ApplyAsync(string request) =>
        WorkerProcess.RunAsync(scratch.Path, fixture.Variables(scratch.File("saga.db")), RunTimeout, "apply", request, "--output", "json");

    /// <summary>The program's own plan for the request: names and documents come from it, not from copies of its rules.</summary>
    private async Task<JsonNode> PlanAsync(string request)
    {
        var result = await WorkerProcess.RunAsync(scratch.Path, new Dictionary<string, string>(), RunTimeout, "plan", request);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!;
    }

    private static EnvironmentStatus Status(WorkerResult result) =>
        JsonSerializer.Deserialize<EnvironmentStatus>(result.StandardOutput, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"no status document; {result}");

    private static string Text(JsonNode plan, string section, string key) => plan[section]![key]!.GetValue<string>();

    private async Task<List<string>> BucketNamesAsync()
    {
        var response = await fixture.Aws.S3(Region).ListBucketsAsync(new ListBucketsRequest(), Ct);
        return [.. (response.Buckets ?? []).Select(b => b.BucketName).Order(StringComparer.Ordinal)];
    }
}
