using System.Text.Json;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary><c>destroy</c> as users run it: the built program against moto, after an <c>apply</c> in the same directory.</summary>
public sealed class DestroyCommandEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(45);
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Destroy_KeepsTheBucketWithItsData_ThenDeleteDataRemovesEverything()
    {
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-destroy", Guid.NewGuid());
        var applied = await RunAsync("apply", request, "--output", "json");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var status = JsonSerializer.Deserialize<EnvironmentStatus>(applied.StandardOutput, JsonSerializerOptions.Web)!;
        var bucket = status.Stages.Single(s => s.Stage == StageNames.Bucket).Outputs["name"];
        var roleName = status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["name"];
        var policyArn = status.Stages.Single(s => s.Stage == StageNames.AccessPolicy).Outputs["arn"];
        var s3 = fixture.Aws.S3(WorkerEndToEndFixture.Region);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "data/segment", ContentBody = "milvus data" });

        var kept = await RunAsync("destroy", "e2e-destroy", "--output", "json");

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal("deprovisioned", JsonSerializer.Deserialize<EnvironmentStatus>(kept.StandardOutput, JsonSerializerOptions.Web)!.State);
        Assert.Null(await fixture.Iam.Roles.GetRoleAsync(roleName, default));
        Assert.Null(await fixture.Iam.Policies.GetPolicyAsync(policyArn, default));
        Assert.Single((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);

        var again = await RunAsync("destroy", request, "--delete-data");

        Assert.True(again.ExitCode == 0, again.ToString());
        var buckets = (await s3.ListBucketsAsync(new ListBucketsRequest())).Buckets ?? [];
        Assert.DoesNotContain(buckets, b => b.BucketName == bucket);
    }

    [Fact]
    public async Task Destroy_UnknownEnvironment_ExitsOneSayingSo()
    {
        var result = await RunAsync("destroy", "never-applied");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no environment named 'never-applied'", result.StandardError, StringComparison.Ordinal);
    }

    private Task<WorkerResult> RunAsync(params string[] args) =>
        WorkerProcess.RunAsync(scratch.Path, fixture.Variables(scratch.File("saga.db")), RunTimeout, args);
}
