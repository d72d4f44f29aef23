using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Tests.Intake;

/// <summary>Environments written straight into a saga store, as the saga leaves them: for intakes tested without a saga.</summary>
internal static class StoredEnvironments
{
    /// <summary>A provisioned environment of <paramref name="tenant"/> (null: one from before tenants), applied from <paramref name="request"/>.</summary>
    public static async Task<ProvisioningState> AddAsync(SagaTable table, string environment, string? tenant, EnvironmentRequest? request = null)
    {
        request ??= new EnvironmentRequest { Environment = environment, Aws = new AwsSpec { Region = "us-east-2", AccountId = "123456789012" } };
        var run = new Run { RunId = Guid.NewGuid(), RequestId = Guid.NewGuid(), Request = request, AccountId = "123456789012", OidcIssuer = Issuer };
        var saga = new ProvisioningState
        {
            CorrelationId = ResourceNames.CorrelationId(environment),
            CurrentState = nameof(ProvisioningStateMachine.Provisioned),
            Environment = environment,
            Tenant = tenant,
            Run = run,
            Applied = new AppliedRequest(run.RunId, run.RequestId, request, "123456789012", request.Kubernetes.OidcIssuer ?? Issuer, DateTimeOffset.UtcNow),
        };
        await table.InsertAsync(saga, default);
        return saga;
    }

    /// <summary>An environment whose only request was refused: no run, no tenant.</summary>
    public static async Task AddRejectedAsync(SagaTable table, string environment) =>
        await table.InsertAsync(new ProvisioningState
        {
            CorrelationId = ResourceNames.CorrelationId(environment),
            CurrentState = nameof(ProvisioningStateMachine.Rejected),
            Environment = environment,
            Problems = [new RequestProblem("aws.region", "is not a region")],
        }, default);

    public const string Issuer = "https://oidc.example.test/id/ABC";
}
