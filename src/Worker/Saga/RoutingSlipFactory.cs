using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.Activities;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Saga;

/// <summary>Plan → routing slip: one activity per stage, in order, with the saga subscribed to every event.</summary>
public sealed class RoutingSlipFactory(IEndpointNameFormatter formatter)
{
    public RoutingSlip Build(EnvironmentPlan plan, Guid sagaId, Guid trackingNumber, Uri sagaAddress)
    {
        var builder = new RoutingSlipBuilder(trackingNumber);
        foreach (var stage in plan.Stages)
        {
            switch (stage)
            {
                case Stages.Bucket: Add<BucketActivity, BucketPlan>(builder, stage, plan, plan.Bucket); break;
                case Stages.AccessPolicy: Add<AccessPolicyActivity, AccessPolicyPlan>(builder, stage, plan, plan.AccessPolicy); break;
                case Stages.Role: Add<RoleActivity, RolePlan>(builder, stage, plan, plan.Role); break;
                case Stages.ServiceAccount: Add<ServiceAccountActivity, ServiceAccountPlan>(builder, stage, plan, plan.ServiceAccount); break;
                case Stages.MilvusRelease: Add<MilvusReleaseActivity, HelmPlan>(builder, stage, plan, plan.Helm!); break;
                case Stages.Verify:
                    builder.AddActivity(stage, new Uri($"queue:{formatter.ExecuteActivity<VerifyActivity, VerifyArguments>()}"),
                        new VerifyArguments(plan.RequestId, plan.Environment, plan));
                    break;
                default: throw new NotSupportedException($"stage '{stage}' has no activity in this version");
            }
        }
        builder.AddVariable(ProvisioningStateMachine.SagaIdVariable, sagaId);
        builder.AddSubscription(sagaAddress, RoutingSlipEvents.All, RoutingSlipEventContents.All);
        return builder.Build();
    }

    private void Add<TActivity, TPlan>(RoutingSlipBuilder builder, string stage, EnvironmentPlan plan, TPlan stagePlan)
        where TActivity : class, IExecuteActivity<StageArguments<TPlan>>
        where TPlan : class
    {
        var queue = formatter.ExecuteActivity<TActivity, StageArguments<TPlan>>();
        builder.AddActivity(stage, new Uri($"queue:{queue}"), new StageArguments<TPlan>(plan.RequestId, plan.Environment, stagePlan));
    }
}
