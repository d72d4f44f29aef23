using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>One access-key-mode <c>apply</c> of the built program, and the views a test needs on what it made.</summary>
internal sealed class AccessKeyRun(WorkerEndToEndFixture fixture, KubernetesStandIn cluster, ScratchDirectory scratch, AWSCredentials admin)
    : IDisposable
{
    private readonly AwsClients aws = new(Options.Create(fixture.Moto.Options), admin);
    private string? environment;

    public IamClient Admin { get; } = fixture.Moto.CreateIamClient(admin);

    /// <summary>More settings for the worker, over <see cref="Variables"/>' own (a profile's, say).</summary>
    public Dictionary<string, string> ExtraVariables { get; } = [];

    public async Task<WorkerResult> ApplyAsync(string name, params string[] extra)
    {
        environment = name;
        var request = ExampleRequests.Write(scratch.Path, "request.json", name, Guid.NewGuid(), r =>
        {
            r["access"]!["mode"] = "access-key";
            r["kubernetes"]!["manage"] = true;
            r["kubernetes"]!["namespace"] = name;
            r["kubernetes"]!.AsObject().Remove("oidcIssuer");
            r.Remove("milvus");
        });
        return await WorkerProcess.RunAsync(scratch.Path, Variables(), TimeSpan.FromSeconds(60), ["apply", request, "--output", "json", .. extra]);
    }

    public string SecretValue(string key)
    {
        var data = cluster.Find("secrets", environment!, $"milvus-{environment}-s3-credentials")?["data"]?[key]?.GetValue<string>()
            ?? throw new InvalidOperationException($"no {key} in the Secret");
        return Encoding.UTF8.GetString(Convert.FromBase64String(data));
    }

    public IAmazonS3 S3WithSecretKey() =>
        aws.S3With(new BasicAWSCredentials(SecretValue("AWS_ACCESS_KEY_ID"), SecretValue("AWS_SECRET_ACCESS_KEY")), WorkerEndToEndFixture.Region);

    public IAmazonS3 AdminS3() => aws.S3With(admin, WorkerEndToEndFixture.Region);

    /// <summary>A failed run's output for the assertion message, with the secret (if there is one yet) masked.</summary>
    public string Redacted(string text)
    {
        try
        {
            return text.Replace(SecretValue("AWS_SECRET_ACCESS_KEY"), "***", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return text;
        }
    }

    public Dictionary<string, string> Variables()
    {
        var kubeconfig = scratch.File("kubeconfig");
        StandInKubeconfig.Write(kubeconfig, cluster.Url);
        var credentials = admin.GetCredentials();
        return new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db"), credentials.SecretKey))
        {
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKey,
            ["KUBECONFIG"] = kubeconfig,
            // As verbose as the worker gets, MassTransit included, so the leak scan sees everything it could write.
            ["Serilog__MinimumLevel__Default"] = "Verbose",
            ["Serilog__MinimumLevel__Override__MassTransit"] = "Verbose",
            ["Verify__ProbeInitialBackoff"] = "00:00:00.2",
            ["AccessKeys__RotationGrace"] = "00:00:00",
        }.Concat(ExtraVariables).GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    }

    public void Dispose()
    {
        aws.Dispose();
        Admin.Dispose();
    }
}
