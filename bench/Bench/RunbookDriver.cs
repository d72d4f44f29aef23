using System.Diagnostics;

namespace Provisioner.Bench;

/// <summary>
/// Mode "runbook": the Milvus guide's AWS steps as a person types them, one <c>aws</c> process per call: create-bucket
/// (LocationConstraint, ObjectWriter), create-policy from the policy file, create-role from the trust file,
/// attach-role-policy, then the guide's four checks. The guide has eksctl create the role; here the role is created
/// from the same trust document the worker writes, which is what eksctl does underneath.
/// </summary>
public sealed class RunbookDriver(string awsCli, string accountId)
{
    public const string Mode = "runbook";

    public Task<EnvSample[]> RunAsync(IReadOnlyList<string> names, int concurrency) => ClosedLoop.RunAsync(names, concurrency, OneAsync);

    private async Task<EnvSample> OneAsync(string environment)
    {
        var total = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("bench-runbook-").FullName;
        var segments = new Dictionary<string, double>();
        try
        {
            var bucket = $"milvus-{environment}";
            var name = $"milvus-{environment}-s3-access";
            var policyArn = $"arn:aws:iam::{accountId}:policy/{name}";
            var issuer = Moto.Issuer["https://".Length..];
            await File.WriteAllTextAsync(Path.Combine(directory, "milvus-s3-policy.json"), $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::{{bucket}}"]},
                  {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::{{bucket}}/*"]}]}
                """);
            await File.WriteAllTextAsync(Path.Combine(directory, "trust.json"), $$"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                  "Principal":{"Federated":"arn:aws:iam::{{accountId}}:oidc-provider/{{issuer}}"},
                  "Action":"sts:AssumeRoleWithWebIdentity",
                  "Condition":{"StringEquals":{"{{issuer}}:sub":"system:serviceaccount:milvus:milvus-s3-access-sa","{{issuer}}:aud":"sts.amazonaws.com"} } }]}
                """);
            string[][] steps =
            [
                ["s3api", "create-bucket", "--bucket", bucket, "--region", EnvironmentRequests.Region, "--acl", "private",
                    "--object-ownership", "ObjectWriter", "--create-bucket-configuration", $"LocationConstraint={EnvironmentRequests.Region}"],
                ["iam", "create-policy", "--policy-name", name, "--policy-document", "file://milvus-s3-policy.json"],
                ["iam", "create-role", "--role-name", name, "--assume-role-policy-document", "file://trust.json"],
                ["iam", "attach-role-policy", "--role-name", name, "--policy-arn", policyArn],
                ["iam", "get-role", "--role-name", name, "--query", "Role.AssumeRolePolicyDocument"],
                ["iam", "list-attached-role-policies", "--role-name", name, "--query", "AttachedPolicies[].PolicyArn", "--output", "text"],
                ["iam", "get-policy", "--policy-arn", policyArn],
                ["iam", "get-policy-version", "--policy-arn", policyArn, "--version-id", "v1"],
            ];
            foreach (var step in steps)
            {
                var clock = Stopwatch.StartNew();
                var (exit, error) = await RunAsync(directory, step);
                segments[step[1]] = clock.Elapsed.TotalMilliseconds;
                if (exit != 0) return EnvSample.Failed(environment, total.Elapsed.TotalMilliseconds, $"aws {step[0]} {step[1]} exited {exit}: {error}");
            }
            return new EnvSample(environment, total.Elapsed.TotalMilliseconds, segments);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<(int Exit, string Error)> RunAsync(string directory, string[] arguments)
    {
        var start = new ProcessStartInfo(awsCli)
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{awsCli} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, (await error).Trim());
    }
}
