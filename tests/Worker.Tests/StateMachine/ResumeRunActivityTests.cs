using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class ResumeRunActivityTests
{
    [Fact]
    public async Task Execute_SameStallReportedTwice_RunResumedOnce()
    {
        await using var host = await SagaTestHost.StartAsync(recovery: new RecoveryOptions { MaxAttempts = 5 });
        var (id, saga) = await StallAtRoleAsync(host);
        var resume = new ResumeProvisioning(saga.CorrelationId, saga.Run.TrackingNumber, saga.Version);

        await Task.WhenAll(host.Bus.Publish(resume), host.Bus.Publish(resume));
        Assert.Equal(2, await host.Harness.Consumed.SelectAsync<ResumeProvisioning>().Take(2).CountAsync());

        var after = (await host.Table.LoadAsync(saga.CorrelationId, default))!;
        host.Role.HoldCreate!.SetCanceled();
        Assert.Equal(2, after.Run.Attempts);
        Assert.Equal(2, host.Events.For(id).Count(e => e is EnvironmentRunStarted));
    }

    [Fact]
    public async Task Execute_RunHasMovedOnSinceTheSweep_Ignored()
    {
        await using var host = await SagaTestHost.StartAsync();
        var (id, saga) = await StallAtRoleAsync(host);

        await host.Bus.Publish(new ResumeProvisioning(saga.CorrelationId, saga.Run.TrackingNumber, saga.Version - 1));
        await host.Bus.Publish(new ResumeProvisioning(saga.CorrelationId, NewId.NextGuid(), saga.Version));
        Assert.Equal(2, await host.Harness.Consumed.SelectAsync<ResumeProvisioning>().Take(2).CountAsync());

        var after = (await host.Table.LoadAsync(saga.CorrelationId, default))!;
        host.Role.HoldCreate!.SetCanceled();
        Assert.Equal((1, saga.Run.TrackingNumber), (after.Run.Attempts, after.Run.TrackingNumber));
        Assert.Single(host.Events.For(id), e => e is EnvironmentRunStarted);
    }

    private static async Task<(Guid Id, ProvisioningState Saga)> StallAtRoleAsync(SagaTestHost host)
    {
        host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = SagaRequests.Valid();
        var id = Guid.NewGuid();
        await host.Bus.Publish(new ProvisionEnvironment(id, request));
        await Eventually.TrueAsync(() => host.Events.For(id).Count(e => e is StageCompleted) == 2, "two stages done");
        var correlationId = ResourceNames.CorrelationId(request.Environment);
        await Eventually.TrueAsync(() => host.Table.LoadAsync(correlationId, default).Result!.Run.Stages.Count(s => s.Status == StageStatus.Completed) == 2,
            "two stages recorded");
        return (id, (await host.Table.LoadAsync(correlationId, default))!);
    }
}
