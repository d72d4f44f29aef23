using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// <c>apply</c> in access-key mode: the built program against a moto_server of its own with IAM enforcement on (so the
/// key's grant is really checked) and the Kubernetes stand-in. Then every place the secret could leak is scanned.
/// </summary>
public sealed class AccessKeyEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IAsyncLifetime
{
    private readonly ScratchDirectory scratch = new();
    private KubernetesStandIn cluster = null!;
    private AccessKeyRun run = null!;

    public async Task InitializeAsync()
    {
        cluster = await KubernetesStandIn.StartAsync();
        var (key, secret) = await fixture.Moto.EnableAuthAsync();
        run = new AccessKeyRun(fixture, cluster, scratch, new BasicAWSCredentials(key, secret));
    }

    public async Task DisposeAsync()
    {
        run.Dispose();
        await fixture.Moto.DisableAuthAsync();
        await cluster.DisposeAsync();
        scratch.Dispose();
    }

    [Fact]
    public async Task Apply_AccessKeyMode_ProvisionsUserKeyAndSecretThatWorkOnlyOnItsBucket()
    {
        var result = await run.ApplyAsync("e2e-akey");

        Assert.True(result.ExitCode == 0, run.Redacted(result.ToString()));
        var status = JsonSerializer.Deserialize<EnvironmentStatus>(result.StandardOutput, JsonSerializerOptions.Web)!;
        Assert.Equal(["bucket", "access-policy", "iam-user", "access-key", "verify"], status.Stages.Select(s => s.Stage));
        Assert.Equal("passed", status.Stages.Single(s => s.Stage == StageNames.Verify).Outputs["probe"]);
        var user = status.Stages.Single(s => s.Stage == StageNames.IamUser).Outputs["name"];
        Assert.Equal([run.SecretValue("AWS_ACCESS_KEY_ID")], (await run.Admin.Users.ListAccessKeysAsync(user, default)).Select(k => k.AccessKeyId));

        using var s3 = run.S3WithSecretKey();
        var bucket = status.Stages.Single(s => s.Stage == StageNames.Bucket).Outputs["name"];
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v" });
        await s3.DeleteObjectAsync(bucket, "k");
        var other = $"other-{Guid.NewGuid():N}";
        using var admin = run.AdminS3();
        await admin.PutBucketAsync(new PutBucketRequest { BucketName = other, BucketRegion = "us-east-2" });
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = other, Key = "k", ContentBody = "v" }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Apply_AccessKeyMode_SecretIsNowhereButTheSecret()
    {
        var result = await run.ApplyAsync("e2e-akey-leak");
        Assert.True(result.ExitCode == 0, run.Redacted(result.ToString()));
        var secret = run.SecretValue("AWS_SECRET_ACCESS_KEY");
        Assert.False(string.IsNullOrEmpty(secret));
        // The scan reads real output: the key id (not secret) is logged when the key is stored.
        Assert.Contains(run.SecretValue("AWS_ACCESS_KEY_ID"), result.StandardError, StringComparison.Ordinal);

        var places = new Dictionary<string, byte[]>
        {
            ["stdout (status JSON)"] = Encoding.UTF8.GetBytes(result.StandardOutput),
            ["stderr (logs and events)"] = Encoding.UTF8.GetBytes(result.StandardError),
        };
        foreach (var file in Directory.EnumerateFiles(scratch.Path, "saga.db*")) places[file] = File.ReadAllBytes(file);
        Assert.Contains(places.Keys, k => k.EndsWith("saga.db", StringComparison.Ordinal));

        foreach (var (place, bytes) in places)
        {
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"the secret access key is in {place}");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)))), $"the base64 secret is in {place}");
        }
    }

    [Fact]
    public async Task RotateKey_ProvisionedEnvironment_LeavesExactlyOneActiveKeyThatWorks()
    {
        var applied = await run.ApplyAsync("e2e-akey-rotate");
        Assert.True(applied.ExitCode == 0, run.Redacted(applied.ToString()));
        var before = run.SecretValue("AWS_ACCESS_KEY_ID");
        var oldSecret = run.SecretValue("AWS_SECRET_ACCESS_KEY");

        var rotated = await WorkerProcess.RunAsync(scratch.Path, run.Variables(), TimeSpan.FromSeconds(60), "rotate-key", "e2e-akey-rotate");

        Assert.True(rotated.ExitCode == 0, run.Redacted(rotated.ToString()));
        var after = run.SecretValue("AWS_ACCESS_KEY_ID");
        Assert.NotEqual(before, after);
        var keys = await run.Admin.Users.ListAccessKeysAsync("milvus-e2e-akey-rotate-s3-access", default);
        Assert.Equal([(after, "Active")], keys.Select(k => (k.AccessKeyId, k.Status)));
        Assert.Contains(nameof(AccessKeyCreated), rotated.StandardError, StringComparison.Ordinal);
        Assert.Contains(nameof(AccessKeyDeactivated), rotated.StandardError, StringComparison.Ordinal);
        Assert.Contains(nameof(AccessKeyRotated), rotated.StandardError, StringComparison.Ordinal);
        // The rotation's state lives in the saga store now: key ids only, there as everywhere else.
        var sagaFiles = Directory.EnumerateFiles(scratch.Path, "saga.db*").Select(File.ReadAllBytes).ToList();
        Assert.Contains(sagaFiles, bytes => Contains(bytes, Encoding.UTF8.GetBytes("e2e-akey-rotate")));
        foreach (var secret in new[] { oldSecret!, run.SecretValue("AWS_SECRET_ACCESS_KEY")! })
        {
            Assert.False(rotated.StandardError.Contains(secret, StringComparison.Ordinal) || rotated.StandardOutput.Contains(secret, StringComparison.Ordinal),
                "a secret access key is in the rotation's output");
            Assert.DoesNotContain(sagaFiles, bytes => Contains(bytes, Encoding.UTF8.GetBytes(secret)));
        }
        using var s3 = run.S3WithSecretKey();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket(applied), Key = "k", ContentBody = "v" });
        await s3.DeleteObjectAsync(Bucket(applied), "k");
    }

    [Fact]
    public async Task RotateKey_UnknownEnvironment_IsRefused()
    {
        var rotated = await WorkerProcess.RunAsync(scratch.Path, run.Variables(), TimeSpan.FromSeconds(60), "rotate-key", "e2e-nowhere");

        Assert.Equal(1, rotated.ExitCode);
        Assert.Contains(nameof(AccessKeyRotationRefused), rotated.StandardError, StringComparison.Ordinal);
    }

    private static string Bucket(WorkerResult applied) =>
        JsonSerializer.Deserialize<EnvironmentStatus>(applied.StandardOutput, JsonSerializerOptions.Web)!.Stages.Single(s => s.Stage == StageNames.Bucket).Outputs["name"];

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
