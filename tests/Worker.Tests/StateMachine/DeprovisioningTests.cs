using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class DeprovisioningTests
{
    [Fact]
    public async Task Deprovision_ProvisionedEnvironment_RemovesInReverseAndRetainsTheBucket()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        var before = host.Log.Calls.Count;
        var id = Guid.NewGuid();

        var outcome = await host.DeprovisionAsync(request.Environment, requestId: id);

        var done = Assert.IsType<EnvironmentDeprovisioned>(outcome);
        Assert.Single(done.Retained, r => r.StartsWith("bucket:", StringComparison.Ordinal) && r.Contains("deleteData"));
        Assert.Equal(["delete role", "delete access-policy"], host.Log.Calls.Skip(before));
        Assert.Equal(["started", "completed role", "completed access-policy", "retained bucket", "deprovisioned"],
            host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal((1, 0, 0), (host.Bucket.Count, host.Policy.Count, host.Role.Count));
        Assert.Equal("deprovisioned", Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message).State);
    }

    [Fact]
    public async Task Deprovision_DeleteData_EmptiesTheBucketThenDeletesIt()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Full();
        await host.ProvisionAsync(request);
        var before = host.Log.Calls.Count;

        var outcome = await host.DeprovisionAsync(request.Environment, deleteData: true);

        Assert.Empty(Assert.IsType<EnvironmentDeprovisioned>(outcome).Retained);
        Assert.Equal(["delete milvus-release", "delete service-account", "delete role", "delete access-policy", "empty bucket", "delete bucket"],
            host.Log.Calls.Skip(before));
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count + host.ServiceAccount.Count + host.Release.Count);
    }

    [Fact]
    public async Task Deprovision_Twice_SecondChangesNothing()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        await host.DeprovisionAsync(request.Environment);
        var before = host.Log.Calls.Count;
        var second = Guid.NewGuid();

        Assert.IsType<EnvironmentDeprovisioned>(await host.DeprovisionAsync(request.Environment, requestId: second));

        Assert.Equal(before, host.Log.Calls.Count);
        // The first removed role and policy from the inventory: all that is left to look at is the bucket it kept.
        Assert.Equal(["retained bucket"], host.Events.For(second).OfType<StageCompleted>().Select(EventRecorder.Describe));
    }

    [Fact]
    public async Task Deprovision_EnvironmentNeverExisted_AnsweredClearly()
    {
        await using var host = await SagaTestHost.StartAsync();

        var outcome = await host.DeprovisionAsync("never-was");

        Assert.Contains("no environment named 'never-was'", Assert.IsType<EnvironmentDeprovisionFailed>(outcome).Reason);
        Assert.Empty(host.Log.Calls);
    }

    [Fact]
    public async Task Deprovision_WhileProvisioning_WaitsForTheRunThenRemoves()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = SagaRequests.Valid();
        var provision = Guid.NewGuid();
        var deprovision = Guid.NewGuid();
        await host.Bus.Publish(new ProvisionEnvironment(provision, request));
        await SagaTestHost.Eventually(() => host.Events.For(provision).Count(e => e is StageCompleted) == 2);

        await host.Bus.Publish(new DeprovisionEnvironment(deprovision, request.Environment, DeleteData: true));
        await Task.Delay(200);
        host.Role.HoldCreate.SetResult();

        Assert.IsType<EnvironmentProvisioned>(await host.Events.OutcomeAsync(provision));
        Assert.IsType<EnvironmentDeprovisioned>(await host.Events.OutcomeAsync(deprovision));
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
    }

    [Fact]
    public async Task Provision_AfterDeprovisioning_BuildsTheEnvironmentAgain()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        await host.DeprovisionAsync(request.Environment, deleteData: true);

        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));

        Assert.Equal((1, 1, 1), (host.Bucket.Count, host.Policy.Count, host.Role.Count));
    }
}
