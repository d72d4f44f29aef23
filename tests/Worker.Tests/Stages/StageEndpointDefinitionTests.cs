using System.Net;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Stages;

/// <summary>The stage endpoints' retry policy, through the real saga, routing slip and activities.</summary>
public sealed class StageEndpointDefinitionTests
{
    [Fact]
    public async Task Execute_RetryableErrorWithinTheLimit_RetriedAndProvisioned()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Bucket.TransientCreateFailures = 2;

        var outcome = await host.ProvisionAsync(SagaRequests.Valid());

        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(3, host.Log.Calls.Count(c => c == "create bucket"));
    }

    [Fact]
    public async Task Execute_RetryableErrorPastTheLimit_StageFailsAndRollsBack()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Policy.TransientCreateFailures = 10;

        var outcome = await host.ProvisionAsync(SagaRequests.Valid());

        Assert.Equal(StageNames.AccessPolicy, Assert.IsType<EnvironmentRolledBack>(outcome).FailedStage);
        Assert.Equal(1 + SagaTestHost.FastStages.Retry.Limit, host.Log.Calls.Count(c => c == "create access-policy"));
        Assert.Equal(0, host.Bucket.Count);
    }

    [Fact]
    public async Task Execute_TerminalAwsError_NotRetried()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Role.FailCreate = new AwsException("iam", "EntityAlreadyExists", "Role already exists", HttpStatusCode.Conflict);

        var outcome = await host.ProvisionAsync(SagaRequests.Valid());

        Assert.Equal(StageNames.Role, Assert.IsType<EnvironmentRolledBack>(outcome).FailedStage);
        Assert.Single(host.Log.Calls, c => c == "create role");
    }
}
