using System.Diagnostics;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// The crash-point matrix (issue 12). For each request shape, an uninterrupted run of the real worker process lists its
/// mutating calls (<c>Testing:RecordMutations</c>); then, for a crash point right before or right after the Nth call,
/// a worker acts on a fresh environment and kills itself there (SIGKILL, <c>Testing:Crash*Mutation</c>), a new worker
/// on the same store and bus finishes the run, and the environment must end as the uninterrupted one did: same state,
/// same stages, the same resources one for one — each with our mark — and nothing at all after a rollback or a deprovision.
/// The points come from the calls the run makes, so a call added later is covered without a change here.
/// <c>./crash-matrix.sh</c> runs every point; the regular suite runs a rotating sample (<see cref="CrashSample"/>).
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class CrashMatrixTests(PostgresServer postgres, RabbitMqServer rabbit, MotoServer moto, ITestOutputHelper output)
    : IClassFixture<MotoServer>
{
    public static TheoryData<string, CrashMode> Shapes()
    {
        var data = new TheoryData<string, CrashMode>();
        foreach (var shape in CrashShapes.All)
            foreach (var mode in Enum.GetValues<CrashMode>()) data.Add(shape.Name, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Run_KilledAtAnyMutatingCall_EndsAsTheUninterruptedRun(string shapeName, CrashMode mode)
    {
        if (HelmBinaries.SkipReason(4) is { } skip && CrashShapes.All.Single(s => s.Name == shapeName).NeedsHelm)
        {
            output.WriteLine(skip);
            return;
        }
        var shape = CrashShapes.All.Single(s => s.Name == shapeName);
        if (!CrashSample.Covers(shape, mode))
        {
            output.WriteLine($"{shape.Name}/{mode} is not in this sample (seed {CrashSample.Seed}); CRASH_MATRIX=full runs it");
            return;
        }
        var clock = Stopwatch.StartNew();
        await using var world = await CrashWorld.CreateAsync(shape, mode, moto, async () => new()
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Url"] = rabbit.NewVirtualHostUrl(),
            ["SagaStore__Provider"] = "Postgres",
            ["SagaStore__ConnectionString"] = await postgres.CreateDatabaseAsync(),
        });
        var prefix = $"{shape.Name[..3]}-{mode.ToString()[0]}".ToLowerInvariant();

        var reference = $"{prefix}-ref";
        await PrepareAsync(world, [reference]);
        var (expected, calls) = await ReferenceRunAsync(world, reference);
        var points = CrashSample.Choose(calls, shape, mode);
        await PrepareAsync(world, points.Select(p => $"{prefix}-{p.Suffix}").ToList());

        foreach (var point in points)
            await CrashAndRecoverAsync(world, $"{prefix}-{point.Suffix}", point, expected, calls);

        output.WriteLine($"crash matrix {shape.Name}/{mode}: {calls.Count} mutating calls, {calls.Count * 2} crash points, " +
            $"{points.Count} run ({(CrashSample.Full ? "full" : $"sample, seed {CrashSample.Seed}")}) in {clock.Elapsed.TotalSeconds:F0} s");
        output.WriteLine(string.Join(Environment.NewLine, calls.Select((c, i) => $"  #{i + 1} {c}")));
        CrashMatrixReport.Add(shape, mode, calls.Count, points.Count, clock.Elapsed);
    }

    /// <summary>The uninterrupted run: its outcome and inventory are what every crashed run must end with.</summary>
    private async Task<(Expected Expected, IReadOnlyList<string> Calls)> ReferenceRunAsync(CrashWorld world, string environment)
    {
        await using var worker = await world.StartWorkerAsync(new Dictionary<string, string> { ["Testing__RecordMutations"] = "true" });
        var requestId = await CrashWorld.SubmitAsync(worker, environment, world.Shape.Act?.Invoke(environment));
        var status = await CrashWorld.WaitForOutcomeAsync(worker, environment, requestId);
        await worker.TerminateAsync(TimeSpan.FromSeconds(20));
        var calls = CrashPoint.CallsIn(worker.Output);

        Assert.True(status.State == world.Shape.ExpectedState, $"reference run of {world.Shape}: {status.State} ({status.Reason})\n{worker.Tail(60)}");
        Assert.NotEmpty(calls);
        var census = await ResourceCensus.TakeAsync(world.Moto, world.Cluster, environment);
        Assert.False(census.Any(l => l.Contains(ResourceCensus.Untagged, StringComparison.Ordinal)), $"reference run of {world.Shape}:\n  {string.Join("\n  ", census)}");
        Assert.False(world.Shape.LeavesNothing && census.Count > 0, $"reference run of {world.Shape} left:\n  {string.Join("\n  ", census)}");
        return (new Expected(status.State, Stages(status), census), calls.Select(c => ResourceCensus.Normalise(c, environment)).ToList());
    }

    private async Task CrashAndRecoverAsync(CrashWorld world, string environment, CrashPoint point, Expected expected, IReadOnlyList<string> calls)
    {
        var knobs = new Dictionary<string, string> { [point.Knob] = point.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Testing__RecordMutations"] = "true" };
        Guid requestId;
        await using (var doomed = await world.StartWorkerAsync(knobs))
        {
            requestId = await CrashWorld.SubmitAsync(doomed, environment, world.Shape.Act?.Invoke(environment));
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(120));
            var crash = doomed.Output.SingleOrDefault(l => l.StartsWith(point.Line, StringComparison.Ordinal));
            Assert.True(crash is not null, $"{world.Shape} {point}: the worker did not die there\n{doomed.Tail(60)}");
            Assert.Equal(calls[point.Number - 1], ResourceCensus.Normalise(crash[point.Line.Length..], environment));
        }

        await using var survivor = await world.StartWorkerAsync();
        var status = await CrashWorld.WaitForOutcomeAsync(survivor, environment, requestId);
        await survivor.TerminateAsync(TimeSpan.FromSeconds(20));
        var census = await ResourceCensus.TakeAsync(world.Moto, world.Cluster, environment);

        var context = $"{world.Shape} crashed {point} ({status.State}: {status.Reason})";
        Assert.True(expected.State == status.State, $"{context}\n{survivor.Tail(60)}");
        Assert.True(expected.Stages.SequenceEqual(Stages(status)), $"{context}: stages {string.Join(", ", Stages(status))}, expected {string.Join(", ", expected.Stages)}");
        Assert.True(expected.Census.SequenceEqual(census), $"{context}: resources\n  {string.Join("\n  ", census)}\nexpected\n  {string.Join("\n  ", expected.Census)}");
        output.WriteLine($"{world.Shape} {point}: {status.State}, {census.Count} resources as expected");
    }

    /// <summary>Provisions the environments of a reconcile or a deprovision, uninterrupted, in one worker.</summary>
    private static async Task PrepareAsync(CrashWorld world, IReadOnlyList<string> environments)
    {
        if (world.Shape.Prepare is not { } prepare || environments.Count == 0) return;
        await using var worker = await world.StartWorkerAsync();
        var requests = new List<(string, Guid)>();
        foreach (var environment in environments) requests.Add((environment, await CrashWorld.SubmitAsync(worker, environment, prepare(environment))));
        foreach (var (environment, requestId) in requests)
            Assert.Equal("provisioned", (await CrashWorld.WaitForOutcomeAsync(worker, environment, requestId)).State);
        await worker.TerminateAsync(TimeSpan.FromSeconds(20));
    }

    private static IReadOnlyList<string> Stages(EnvironmentStatus status) => status.Stages.Select(s => $"{s.Stage}:{s.Status}").ToList();

    private sealed record Expected(string State, IReadOnlyList<string> Stages, IReadOnlyList<string> Census);
}
