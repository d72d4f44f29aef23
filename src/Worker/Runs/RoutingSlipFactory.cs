using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>Plan → routing slip: one activity per stage, in order, with the saga subscribed to every event.</summary>
public sealed class RoutingSlipFactory(IEndpointNameFormatter formatter)
{
    public RoutingSlip Build(EnvironmentPlan plan, Guid sagaId, Guid trackingNumber, Uri sagaAddress) =>
        Build(plan, plan.Stages, null, sagaId, trackingNumber, sagaAddress);

    /// <summary>
    /// The slip that fails a stalled run: observe-only stages up to <paramref name="stalledStage"/>, which cleans its own
    /// stage and faults with <paramref name="reason"/>, so Courier compensates the rest in reverse order.
    /// </summary>
    public RoutingSlip BuildAbandon(EnvironmentPlan plan, string stalledStage, string reason, Guid sagaId, Guid trackingNumber,
        Uri sagaAddress)
    {
        var stages = plan.Stages.Take(plan.Stages.ToList().IndexOf(stalledStage) + 1).ToList();
        return Build(plan, stages, reason, sagaId, trackingNumber, sagaAddress);
    }

    /// <summary>Deprovisioning removes the plan's stages in reverse order; verification has nothing to remove.</summary>
    public static IReadOnlyList<string> TeardownStages(EnvironmentPlan plan) =>
        plan.Stages.Where(s => s != StageNames.Verify).Reverse().ToList();

    public RoutingSlip BuildTeardown(EnvironmentPlan plan, bool deleteData, Guid sagaId, Guid trackingNumber, Uri sagaAddress)
    {
        var builder = new RoutingSlipBuilder(trackingNumber);
        foreach (var stage in TeardownStages(plan))
        {
            switch (stage)
            {
                case StageNames.Bucket: Remove<RemoveBucketActivity, BucketPlan>(builder, stage, plan, plan.Bucket, deleteData); break;
                case StageNames.BucketPolicy:
                    Remove<RemoveBucketPolicyActivity, BucketPolicyPlan>(builder, stage, plan, plan.BucketPolicy!, deleteData);
                    break;
                case StageNames.AccessPolicy: Remove<RemoveAccessPolicyActivity, AccessPolicyPlan>(builder, stage, plan, plan.AccessPolicy, deleteData); break;
                case StageNames.Role: Remove<RemoveRoleActivity, RolePlan>(builder, stage, plan, plan.Role, deleteData); break;
                case StageNames.IamUser: Remove<RemoveIamUserActivity, IamUserPlan>(builder, stage, plan, plan.User!, deleteData); break;
                case StageNames.AccessKey: Remove<RemoveAccessKeyActivity, AccessKeyPlan>(builder, stage, plan, plan.AccessKey!, deleteData); break;
                case StageNames.ServiceAccount:
                    Remove<RemoveServiceAccountActivity, ServiceAccountPlan>(builder, stage, plan, plan.ServiceAccount, deleteData);
                    break;
                case StageNames.MilvusRelease: Remove<RemoveMilvusReleaseActivity, MilvusReleasePlan>(builder, stage, plan, plan.Helm!, deleteData); break;
                default: throw new NotSupportedException($"stage '{stage}' has no removal in this version");
            }
        }
        builder.AddVariable(ProvisioningStateMachine.SagaIdVariable, sagaId);
        builder.AddSubscription(sagaAddress, RoutingSlipEvents.All, RoutingSlipEventContents.All);
        return builder.Build();
    }

    private void Remove<TActivity, TPlan>(RoutingSlipBuilder builder, string stage, EnvironmentPlan plan, TPlan stagePlan, bool deleteData)
        where TActivity : class, IExecuteActivity<RemoveArguments<TPlan>>
        where TPlan : class
    {
        var queue = formatter.ExecuteActivity<TActivity, RemoveArguments<TPlan>>();
        builder.AddActivity(stage, new Uri($"queue:{queue}"), new RemoveArguments<TPlan>(plan.RequestId, plan.Environment, stagePlan, deleteData));
    }

    private RoutingSlip Build(EnvironmentPlan plan, IReadOnlyList<string> stages, string? abandonReason, Guid sagaId,
        Guid trackingNumber, Uri sagaAddress)
    {
        var builder = new RoutingSlipBuilder(trackingNumber);
        foreach (var stage in stages)
        {
            var abandon = abandonReason is null ? null : new Abandon(stage == stages[^1] ? abandonReason : null);
            switch (stage)
            {
                case StageNames.Bucket: Add<BucketActivity, BucketObserveActivity, BucketPlan>(builder, stage, plan, plan.Bucket, abandon); break;
                case StageNames.BucketPolicy:
                    Add<BucketPolicyActivity, BucketPolicyObserveActivity, BucketPolicyPlan>(builder, stage, plan, plan.BucketPolicy!, abandon);
                    break;
                case StageNames.AccessPolicy:
                    Add<AccessPolicyActivity, AccessPolicyObserveActivity, AccessPolicyPlan>(builder, stage, plan, plan.AccessPolicy, abandon);
                    break;
                case StageNames.Role: Add<RoleActivity, RoleObserveActivity, RolePlan>(builder, stage, plan, plan.Role, abandon); break;
                case StageNames.IamUser: Add<IamUserActivity, IamUserObserveActivity, IamUserPlan>(builder, stage, plan, plan.User!, abandon); break;
                case StageNames.AccessKey: Add<AccessKeyActivity, AccessKeyObserveActivity, AccessKeyPlan>(builder, stage, plan, plan.AccessKey!, abandon); break;
                case StageNames.ServiceAccount:
                    Add<ServiceAccountActivity, ServiceAccountObserveActivity, ServiceAccountPlan>(builder, stage, plan, plan.ServiceAccount, abandon);
                    break;
                case StageNames.MilvusRelease:
                    Add<MilvusReleaseActivity, MilvusReleaseObserveActivity, MilvusReleasePlan>(builder, stage, plan, plan.Helm!, abandon);
                    break;
                case StageNames.Verify when abandon is null:
                    builder.AddActivity(stage, new Uri($"queue:{formatter.ExecuteActivity<VerifyActivity, VerifyArguments>()}"),
                        new VerifyArguments(plan.RequestId, plan.Environment, plan));
                    break;
                case StageNames.Verify:
                    // Verification creates nothing: failing a run stalled there only needs the fault.
                    builder.AddActivity(stage, new Uri($"queue:{formatter.ExecuteActivity<AbandonRunActivity, AbandonRunArguments>()}"),
                        new AbandonRunArguments(abandon.Reason ?? "the run was abandoned"));
                    break;
                default: throw new NotSupportedException($"stage '{stage}' has no activity in this version");
            }
        }
        builder.AddVariable(ProvisioningStateMachine.SagaIdVariable, sagaId);
        builder.AddSubscription(sagaAddress, RoutingSlipEvents.All, RoutingSlipEventContents.All);
        return builder.Build();
    }

    private void Add<TActivity, TObserve, TPlan>(RoutingSlipBuilder builder, string stage, EnvironmentPlan plan, TPlan stagePlan,
        Abandon? abandon)
        where TActivity : class, IExecuteActivity<StageArguments<TPlan>>
        where TObserve : class, IExecuteActivity<ObserveArguments<TPlan>>
        where TPlan : class
    {
        if (abandon is null)
        {
            var queue = formatter.ExecuteActivity<TActivity, StageArguments<TPlan>>();
            builder.AddActivity(stage, new Uri($"queue:{queue}"), new StageArguments<TPlan>(plan.RequestId, plan.Environment, stagePlan));
            return;
        }
        var observe = formatter.ExecuteActivity<TObserve, ObserveArguments<TPlan>>();
        builder.AddActivity(stage, new Uri($"queue:{observe}"),
            new ObserveArguments<TPlan>(plan.RequestId, plan.Environment, stagePlan, abandon.Reason));
    }

    /// <summary>Present when the slip fails a run; <see cref="Reason"/> is set on its last stage only.</summary>
    private sealed record Abandon(string? Reason);
}
