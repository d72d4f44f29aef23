using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.SagaStore;

/// <summary>Our saga repository under MassTransit, with two replicas (two buses) on one database.</summary>
public sealed class SqlSagaRepositoryContextTests
{
    [Fact]
    public async Task Save_SameEnvironmentStartedOnTwoReplicasAtOnce_OneRunsTheOtherIsRejected()
    {
        var database = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db");
        await using var a = await SagaTestHost.StartAsync(database);
        await using var b = await SagaTestHost.StartAsync(database, sameCloudAs: a);
        var request = SagaRequests.Valid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        var hold = a.Bucket.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = new[] { a.ProvisionAsync(request, first), b.ProvisionAsync(request, second) };
        await Task.WhenAny(runs); // the run is held at its first stage, so what finishes first is the rejection
        hold.SetResult();
        var outcomes = await Task.WhenAll(runs);

        Assert.Single(outcomes, o => o is EnvironmentProvisioned);
        var rejected = Assert.IsType<EnvironmentRequestRejected>(Assert.Single(outcomes, o => o is EnvironmentRequestRejected));
        Assert.Contains("in progress", rejected.Problems.Single().Message);
        Assert.Equal(1, a.Events.Events.Concat(b.Events.Events).Count(e => e is EnvironmentRunStarted));
        Assert.Equal((1, 1, 1), (a.Bucket.Count, a.Policy.Count, a.Role.Count));
        var saga = await a.Table.LoadAsync(ResourceNames.CorrelationId(request.Environment), default);
        Assert.Equal("Provisioned", saga!.CurrentState);
    }
}
