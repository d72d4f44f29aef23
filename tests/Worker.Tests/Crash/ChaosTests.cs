using System.Diagnostics;
using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Testing;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake.Sqs;
using Xunit.Abstractions;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// The chaos test (issue 12): production mode, two replicas on one RabbitMQ virtual host and one PostgreSQL store, 30
/// requests of mixed shapes, and three SIGKILLs — one of each replica in the middle of the runs, and one of whichever
/// replica is first seen compensating. Every environment must end as its shape says, with the same resources as every
/// other environment of its shape (so exactly one of each, each with our mark), and the SQS outlet (a FIFO queue on
/// moto) must hold every stage and outcome event of every environment once, in run order: run start first, stages as they
/// ran, rollback in reverse, outcome last.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class ChaosTests(PostgresServer postgres, RabbitMqServer rabbit, MotoServer moto, ITestOutputHelper output)
    : IClassFixture<MotoServer>
{
    private const int KillAfterMutations = 20;

    [Fact]
    public async Task ThirtyRuns_EachReplicaKilledMidRunAndOneMidCompensation_EveryEnvironmentConvergesAndEveryEventLeaves()
    {
        var clock = Stopwatch.StartNew();
        using var queues = new TestQueues(moto);
        var queue = await queues.CreateAsync("chaos", fifo: true);
        var shape = new CrashShape("chaos", "mixed")
        {
            NeedsCluster = true,
            Settings = new Dictionary<string, string>
            {
                ["Outlet__Sqs__QueueUrl"] = queue, ["Outlet__Sqs__Region"] = "us-east-1",
                // A dead replica's leased events go to the other one after this, not after the production two minutes.
                ["Outlet__Outbox__Lease"] = "00:00:05",
                ["Testing__RecordMutations"] = "true",
                // Runs take long enough that the kills land inside them, not between them.
                ["Testing__StageDelay"] = "00:00:00.250",
                // A kill between the saga's write and its sends leaves a run whose next message was never sent; the sweeper
                // re-drives it after the stage deadline, which must fit in the test's wait (the production one is 5 min).
                // More attempts than in production: under this load a queued stage can look stalled and be re-driven.
                ["Stages__Deadline"] = "00:00:40",
                ["Recovery__MaxAttempts"] = "6",
            },
        };
        await using var world = await CrashWorld.CreateAsync(shape, CrashMode.Production, moto, async () => new()
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Url"] = rabbit.NewVirtualHostUrl(),
            ["SagaStore__Provider"] = "Postgres",
            ["SagaStore__ConnectionString"] = await postgres.CreateDatabaseAsync(),
        });
        var runs = ChaosRun.Mixed($"cx{Guid.NewGuid().ToString("N")[..4]}");
        var replicas = new Replicas(world);
        await using var _ = replicas;
        await replicas.StartAsync();

        var submitted = new List<(ChaosRun Run, Guid RequestId)>();
        foreach (var (run, i) in runs.Where(r => !r.Doomed).Select((r, i) => (r, i)))
            submitted.Add((run, await CrashWorld.SubmitAsync(replicas[i % 2], run.Environment, run.Request)));
        await replicas.KillWhenAsync(0, lines => lines.Count(l => l.StartsWith(MutationSeam.Marker, StringComparison.Ordinal)) >= KillAfterMutations);
        await replicas.KillWhenAsync(1, lines => lines.Count(l => l.StartsWith(MutationSeam.Marker, StringComparison.Ordinal)) >= KillAfterMutations);

        using (var iam = moto.CreateIamClient())
        {
            // Someone else's role holds each doomed environment's role name: its run fails at `role` and compensates.
            foreach (var run in runs.Where(r => r.Doomed))
                await iam.Roles.CreateRoleAsync($"milvus-{run.Environment}-s3-access", "/", ForeignTrust, null, null, new Dictionary<string, string>(), default);
        }
        foreach (var (run, i) in runs.Where(r => r.Doomed).Select((r, i) => (r, i)))
            submitted.Add((run, await CrashWorld.SubmitAsync(replicas[i % 2], run.Environment, run.Request)));
        var compensating = await replicas.KillFirstAsync(line => line.Contains("iam DeletePolicy", StringComparison.Ordinal)
            || runs.Any(r => r.Doomed && line.Contains($"s3 DELETE /milvus-{r.Environment}-", StringComparison.Ordinal)));

        var statuses = new Dictionary<string, EnvironmentStatus>();
        foreach (var (run, requestId) in submitted) statuses[run.Environment] = await CrashWorld.WaitForOutcomeAsync(replicas[0], run.Environment, requestId);
        var events = await DrainOutletAsync(queues, queue, runs);
        var figures = $"chaos: {runs.Count} requests ({string.Join(", ", runs.GroupBy(r => r.Kind).Select(g => $"{g.Count()} {g.Key}"))}), " +
            $"3 kills (replica 0 and 1 after {KillAfterMutations} mutating calls each, replica {compensating} compensating), " +
            $"{events.Sum(e => e.Value.Count)} events, {clock.Elapsed.TotalSeconds:F0} s";
        output.WriteLine(figures);
        Directory.CreateDirectory(RepositoryRoot.Combine("TestResults"));
        await File.AppendAllTextAsync(RepositoryRoot.Combine("TestResults", "chaos.txt"), figures + Environment.NewLine);

        foreach (var run in runs)
            Assert.True(statuses[run.Environment].State == run.ExpectedState,
                $"{run.Environment}: {statuses[run.Environment].State} ({statuses[run.Environment].Reason}), expected {run.ExpectedState}");
        await AssertResourcesAsync(world, runs);
        foreach (var run in runs) AssertEvents(run, statuses[run.Environment], events.GetValueOrDefault(run.Environment) ?? []);
    }

    private const string ForeignTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>Every environment of a shape holds the same resources; a rolled-back one holds only the stranger's role.</summary>
    private static async Task AssertResourcesAsync(CrashWorld world, IReadOnlyList<ChaosRun> runs)
    {
        foreach (var group in runs.GroupBy(r => r.Kind))
        {
            var censuses = new List<(string Environment, IReadOnlyList<string> Lines)>();
            foreach (var run in group) censuses.Add((run.Environment, await ResourceCensus.TakeAsync(world.Moto, world.Cluster, run.Environment)));
            var (first, expected) = censuses[0];
            foreach (var (environment, lines) in censuses)
            {
                var mine = group.Key == ChaosRun.DoomedKind ? lines.Where(l => !l.Contains(ResourceCensus.Untagged, StringComparison.Ordinal)).ToList() : lines;
                Assert.False(group.Key == ChaosRun.DoomedKind && (mine.Count > 0 || lines.Count != 1),
                    $"{environment} rolled back but holds:\n  {string.Join("\n  ", lines)}");
                Assert.False(group.Key != ChaosRun.DoomedKind && lines.Any(l => l.Contains(ResourceCensus.Untagged, StringComparison.Ordinal)),
                    $"{environment} holds something without our mark:\n  {string.Join("\n  ", lines)}");
                Assert.True(expected.SequenceEqual(lines), $"{environment} holds\n  {string.Join("\n  ", lines)}\nbut {first} holds\n  {string.Join("\n  ", expected)}");
            }
        }
    }

    /// <summary>The outlet's events of one environment, duplicates dropped: the run's story, in the order the saga wrote it.</summary>
    private static void AssertEvents(ChaosRun run, EnvironmentStatus status, IReadOnlyList<JsonElement> events)
    {
        var story = events.Select(Describe).ToList();
        var context = $"{run.Environment} ({status.State}): {string.Join(", ", story)}";
        Assert.True(story.Count > 0 && story[0] == "EnvironmentRunStarted", context);
        Assert.True(story[^1] == (run.Doomed ? "EnvironmentRolledBack" : "EnvironmentProvisioned"), context);
        Assert.True(story.Count(e => e.StartsWith("Environment", StringComparison.Ordinal) && e != "EnvironmentRunStarted") == 1, context);
        // Every completed stage once, in run order, then the failure: even when a replica died holding a stage's completion
        // and the saga learnt of the next stage first, the events leave in run order.
        var forward = status.Stages.Where(s => s.CompletedAt is not null).Select(s => $"StageCompleted {s.Stage}")
            .Concat(status.Stages.Where(s => s.Status == StageStatus.Failed).Select(s => $"StageFailed {s.Stage}"));
        Assert.True(forward.SequenceEqual(story.Where(e => e.StartsWith("StageCompleted", StringComparison.Ordinal) || e.StartsWith("StageFailed", StringComparison.Ordinal))),
            $"{context}\nexpected {string.Join(", ", forward)}");
        Assert.True(story.FindLastIndex(e => e.StartsWith("StageCompleted", StringComparison.Ordinal) || e.StartsWith("StageFailed", StringComparison.Ordinal))
            < Math.Max(0, story.FindIndex(e => e.StartsWith("StageCompensated", StringComparison.Ordinal))) || !story.Any(e => e.StartsWith("StageCompensated", StringComparison.Ordinal)),
            $"{context}\ncompensation before the run's last forward event");
        var rollback = status.Stages.Where(s => s.Status == StageStatus.Failed).Select(s => $"StageFailed {s.Stage}")
            .Concat(status.Stages.Where(s => s.Status == StageStatus.Compensated).Reverse().Select(s => $"StageCompensated {s.Stage}"));
        Assert.True(rollback.SequenceEqual(story.Where(e => e.StartsWith("StageFailed", StringComparison.Ordinal) || e.StartsWith("StageCompensated", StringComparison.Ordinal))),
            $"{context}\nexpected {string.Join(", ", rollback)}");
    }

    private static string Describe(JsonElement envelope)
    {
        var type = envelope.GetProperty("type").GetString()!["milvus.provisioner.".Length..];
        return envelope.GetProperty("data").TryGetProperty("stage", out var stage) ? $"{type} {stage.GetString()}" : type;
    }

    /// <summary>Receives (and deletes) until every environment's outcome arrived and nothing more came for a while.</summary>
    private static async Task<Dictionary<string, List<JsonElement>>> DrainOutletAsync(TestQueues queues, string queue, IReadOnlyList<ChaosRun> runs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byEnvironment = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        bool AllOutcomes() => runs.All(r => byEnvironment.TryGetValue(r.Environment, out var e) && e.Any(x => Describe(x).StartsWith("EnvironmentProvisioned", StringComparison.Ordinal)
            || Describe(x).StartsWith("EnvironmentRolledBack", StringComparison.Ordinal)));
        while (deadline.Elapsed < TimeSpan.FromSeconds(90) && !(AllOutcomes() && quiet.Elapsed > TimeSpan.FromSeconds(3)))
        {
            var messages = await queues.ReceiveOnceAsync(queue, waitSeconds: 1, visibility: 30);
            if (messages.Count > 0) quiet.Restart();
            foreach (var message in messages)
            {
                await queues.Sqs.DeleteMessageAsync(queue, message.ReceiptHandle);
                var envelope = JsonDocument.Parse(message.Body).RootElement.Clone();
                if (!seen.Add(envelope.GetProperty("id").GetString()!)) continue;
                var environment = envelope.GetProperty("subject").GetString()!;
                if (!byEnvironment.TryGetValue(environment, out var list)) byEnvironment[environment] = list = [];
                list.Add(envelope);
            }
        }
        return byEnvironment;
    }

    /// <summary>The two replicas, restarted on the same store, bus and queue after each kill.</summary>
    private sealed class Replicas(CrashWorld world) : IAsyncDisposable
    {
        private readonly WorkerProcess?[] live = new WorkerProcess?[2];
        private readonly List<WorkerProcess> all = [];

        public WorkerProcess this[int index] => live[index]!;

        public async Task StartAsync()
        {
            for (var i = 0; i < live.Length; i++) await RestartAsync(i);
        }

        /// <summary>SIGKILLs replica <paramref name="index"/> once its output satisfies <paramref name="condition"/>, and starts it again.</summary>
        public async Task KillWhenAsync(int index, Func<IReadOnlyCollection<string>, bool> condition)
        {
            await Eventually.TrueAsync(() => condition(live[index]!.Output), $"replica {index} at its kill point", TimeSpan.FromSeconds(90));
            await KillAndRestartAsync(index);
        }

        /// <summary>SIGKILLs whichever replica first prints a line matching <paramref name="match"/>; returns its index.</summary>
        public async Task<int> KillFirstAsync(Func<string, bool> match)
        {
            var seen = live.Select(r => r!.Output.Count).ToArray();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                for (var i = 0; i < live.Length; i++)
                {
                    if (live[i]!.Output.Skip(seen[i]).Any(match))
                    {
                        await KillAndRestartAsync(i);
                        return i;
                    }
                }
                await Task.Delay(10);
            }
            throw new TimeoutException("no replica compensated within 90 s");
        }

        private async Task KillAndRestartAsync(int index)
        {
            live[index]!.Kill();
            await live[index]!.WaitForExitAsync(TimeSpan.FromSeconds(20));
            await RestartAsync(index);
        }

        private async Task RestartAsync(int index)
        {
            var worker = await world.StartWorkerAsync();
            all.Add(worker);
            live[index] = worker;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var worker in all) await worker.DisposeAsync();
        }
    }
}
