using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Tests.Crash;
using Provisioner.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Provisioner.Worker.Tests.Drift;

/// <summary>
/// Drift detection on a schedule (issue 17), end to end: the built worker against moto, the Kubernetes stand-in and
/// Helm 4 with the stub chart. Someone turns Block Public Access off, widens the access policy, edits the role's trust,
/// deletes the ServiceAccount's role annotation and <c>helm upgrade</c>s the release with other values. A worker in report
/// mode reports each with its exact difference within one (short) interval and makes no mutating call; the <c>check</c>
/// verb says the same; a worker in repair mode puts every one back through a reconcile run.
/// </summary>
public sealed class DriftEndToEndTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const string Annotation = "eks.amazonaws.com/role-arn";

    private string queue = "";

    private Dictionary<string, string> Drift(string mode) => new()
    {
        ["Outlet__Sqs__QueueUrl"] = queue,
        ["Outlet__Sqs__Region"] = "us-east-1",
        ["Drift__Mode"] = mode,
        ["Drift__Interval"] = Interval.ToString(),
        ["Drift__SweepInterval"] = "00:00:00.500",
        ["Testing__RecordMutations"] = "true",
    };

    [HelmFact(4)]
    public async Task HandChanges_ReportedWithTheirDifferencesWithoutAMutatingCall_ThenRepairedInRepairMode()
    {
        using var queues = new Intake.Sqs.TestQueues(moto);
        queue = await queues.CreateAsync("drift");
        await using var world = await CrashWorld.CreateAsync(CrashShapes.Release, CrashMode.Embedded, moto, () => throw new NotSupportedException());
        const string environment = "drift-e2e";
        EnvironmentStatus provisioned;
        await using (var worker = await world.StartWorkerAsync(Drift("Off")))
        {
            var requestId = await CrashWorld.SubmitAsync(worker, environment, CrashShapes.ManagedWithRelease(environment));
            provisioned = await CrashWorld.WaitForOutcomeAsync(worker, environment, requestId);
            await worker.TerminateAsync(TimeSpan.FromSeconds(20));
        }
        Assert.Equal("provisioned", provisioned.State);
        var outputs = provisioned.Stages.ToDictionary(s => s.Stage, s => s.Outputs);
        var (bucket, role, policyArn) = (outputs[StageNames.Bucket]["name"], outputs[StageNames.Role]["name"], outputs[StageNames.AccessPolicy]["arn"]);
        var serviceAccount = outputs[StageNames.ServiceAccount]["name"];
        using var aws = new AwsClients(Microsoft.Extensions.Options.Options.Create(moto.Options), moto.Credentials);
        using var iam = moto.CreateIamClient();
        var s3 = aws.S3("us-east-2");
        var trustBefore = (await iam.Roles.GetRoleAsync(role, default))!.AssumeRolePolicyDocument;

        // The hand changes, behind the worker's back.
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = false, IgnorePublicAcls = false, BlockPublicPolicy = false, RestrictPublicBuckets = false },
        });
        await iam.Policies.CreatePolicyVersionAsync(policyArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", true, default);
        await iam.Roles.UpdateAssumeRolePolicyAsync(role, trustBefore.Replace($"system:serviceaccount:{environment}:{serviceAccount}",
            $"system:serviceaccount:{environment}:intruder", StringComparison.Ordinal), default);
        world.Cluster!.Store.Patch("serviceaccounts", environment, serviceAccount, new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotation] = null } } });
        await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "upgrade", environment, HelmProcess.StubChart, "--namespace", environment,
            "--kubeconfig", world.Kubeconfig!, "--reuse-values", "--set", "extraByHand=true");

        // Report mode: within an interval (and a sweep), status says drifted with every difference; nothing was changed.
        EnvironmentStatus drifted;
        await using (var reporter = await world.StartWorkerAsync(Drift("Report")))
        {
            var clock = Stopwatch.StartNew();
            drifted = await WaitForAsync(reporter, environment, s => s.State == "drifted" && s.Drift!.Count == 5);
            output.WriteLine($"reported in {clock.Elapsed.TotalSeconds:F1} s:\n  {string.Join("\n  ", drifted.Drift!.Select(Describe))}");
            Assert.True(clock.Elapsed < Interval * 3 + TimeSpan.FromSeconds(15), $"reported after {clock.Elapsed}");
            await Task.Delay(Interval * 2); // more checks: the same drift is not reported again, and still nothing is touched
            await reporter.TerminateAsync(TimeSpan.FromSeconds(20));
            Assert.Empty(CrashPoint.CallsIn(reporter.Output));
        }
        var found = drifted.Drift!.ToDictionary(d => d.Stage);
        Assert.Equal([StageNames.Bucket, StageNames.AccessPolicy, StageNames.Role, StageNames.ServiceAccount, StageNames.MilvusRelease],
            drifted.Drift!.Select(d => d.Stage));
        Assert.All(drifted.Drift!, d => Assert.Equal("changed", d.Kind));
        Assert.Equal(["public-access-block: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets off, applied all four on"],
            found[StageNames.Bucket].Differences);
        Assert.StartsWith("document (default version v2): {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}, applied {",
            Assert.Single(found[StageNames.AccessPolicy].Differences));
        var trust = Assert.Single(found[StageNames.Role].Differences);
        Assert.StartsWith("trust-policy: {", trust);
        Assert.Contains($"system:serviceaccount:{environment}:intruder", trust.Split(", applied ")[0]);
        Assert.Contains($"system:serviceaccount:{environment}:{serviceAccount}", trust.Split(", applied ")[1]);
        Assert.Equal([$"annotation {Annotation}: absent, applied {outputs[StageNames.Role]["arn"]}"], found[StageNames.ServiceAccount].Differences);
        Assert.Equal(["values.extraByHand: added (not in the applied values)"], found[StageNames.MilvusRelease].Differences);

        // The check verb runs the same pass now and prints the same differences.
        var checkedNow = await world.RunVerbAsync(Drift("Off"), "check", environment, "--output", "json");
        Assert.True(checkedNow.ExitCode == 1, checkedNow.ToString());
        var report = JsonNode.Parse(checkedNow.StandardOutput)!;
        Assert.Equal(drifted.Drift!.Select(d => $"{d.Stage}: {string.Join("; ", d.Differences)}"),
            report["drift"]!.AsArray().Select(d => $"{d!["stage"]}: {string.Join("; ", d["differences"]!.AsArray().Select(x => x!.GetValue<string>()))}"));
        Assert.Empty(CrashPoint.CallsIn(checkedNow.StandardError.Split('\n')));

        // Repair mode: a reconcile of the applied request puts everything back, and the drift is gone from status.
        await using (var repairer = await world.StartWorkerAsync(Drift("Repair")))
        {
            var repaired = await WaitForAsync(repairer, environment, s => s.State == "provisioned" && s.Drift is null && s.RequestId != provisioned.RequestId);
            output.WriteLine($"repaired by run {repaired.RequestId}: {string.Join(", ", repaired.Stages.Select(s => $"{s.Stage} {s.Action}"))}");
            await repairer.TerminateAsync(TimeSpan.FromSeconds(20));
            Assert.NotEmpty(CrashPoint.CallsIn(repairer.Output));
        }
        var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        Assert.True(block.BlockPublicAcls == true && block.IgnorePublicAcls == true && block.BlockPublicPolicy == true && block.RestrictPublicBuckets == true);
        Assert.Equal(trustBefore, (await iam.Roles.GetRoleAsync(role, default))!.AssumeRolePolicyDocument);
        Assert.Equal(role, world.Cluster.Find("serviceaccounts", environment, serviceAccount)!["metadata"]!["annotations"]![Annotation]!.GetValue<string>().Split('/')[^1]);
        var values = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "get", "values", environment, "--namespace", environment,
            "--kubeconfig", world.Kubeconfig!, "--output", "json");
        Assert.DoesNotContain("extraByHand", values, StringComparison.Ordinal);
        var census = await ResourceCensus.TakeAsync(moto, world.Cluster, environment);

        // The outlet carried the drift: detected once (the report worker checked again and again), repaired by the run.
        var types = new List<string>();
        for (var i = 0; i < 40 && !types.Contains("milvus.provisioner.EnvironmentDriftRepaired"); i++)
            foreach (var message in await queues.ReceiveOnceAsync(queue, waitSeconds: 1, visibility: 60))
                types.Add(JsonDocument.Parse(message.Body).RootElement.GetProperty("type").GetString()!);
        Assert.Single(types, t => t == "milvus.provisioner.EnvironmentDriftDetected");
        Assert.Single(types, t => t == "milvus.provisioner.EnvironmentDriftRepaired");
        Assert.DoesNotContain(census, l => l.Contains(ResourceCensus.Untagged, StringComparison.Ordinal));
    }

    private static string Describe(DriftFinding d) => $"{d.Stage} {d.Resource} {d.Kind}: {string.Join("; ", d.Differences)}";

    private static async Task<EnvironmentStatus> WaitForAsync(WorkerProcess worker, string environment, Func<EnvironmentStatus, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        var last = "nothing";
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (worker.HasExited) throw new InvalidOperationException($"the worker exited ({worker.ExitCode})\n{worker.Tail()}");
            using var response = await worker.Http.GetAsync($"environments/{environment}");
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && JsonSerializer.Deserialize<EnvironmentStatus>(last, JsonSerializerOptions.Web) is { } status && condition(status))
                return status;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{environment}: not there within 90 s; last status {last}\n{worker.Tail(60)}");
    }
}
