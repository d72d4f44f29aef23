using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages;

public sealed class StageCatalogueTests
{
    [Fact]
    public void All_EveryStageOnceInRunOrder()
    {
        Assert.Equal([StageNames.Bucket, StageNames.BucketPolicy, StageNames.AccessPolicy, StageNames.Role, StageNames.IamUser,
            StageNames.AccessKey, StageNames.ServiceAccount, StageNames.MilvusRelease, StageNames.Verify], StageCatalogue.All.Select(s => s.Name));
        Assert.Equal(StageCatalogue.All.Count, StageCatalogue.All.Select(s => s.ActivityType).Distinct().Count());
    }

    [Fact]
    public void ForActivity_EachStagesActivity_FindsThatStage()
    {
        foreach (var stage in StageCatalogue.All) Assert.Same(stage, StageCatalogue.ForActivity(stage.ActivityType));
    }

    [Fact]
    public void HasCompensation_OnlyVerifyCreatesNothing() =>
        Assert.Equal([StageNames.Verify], StageCatalogue.All.Where(s => !s.HasCompensation).Select(s => s.Name));

    [Fact]
    public void AddTo_EveryStageOfAPlan_QueueNamedAfterTheStage()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());
        var builder = new RoutingSlipBuilder(NewId.NextGuid());

        foreach (var stage in StageCatalogue.In(plan)) stage.AddTo(builder, plan, StageMode.Ensure);

        Assert.Equal(plan.Stages.Select(s => new Uri($"queue:{s}_execute")), builder.Build().Itinerary.Select(a => a.Address));
    }

    [Fact]
    public void AddServices_EveryStage_RegistersAResourceOrItsVerifier()
    {
        var services = new ServiceCollection();

        foreach (var stage in StageCatalogue.All) stage.AddServices(services);

        var resources = services.Select(d => d.ServiceType).Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IResource<>)).ToList();
        Assert.Equal(StageCatalogue.All.Count(s => s.HasCompensation), resources.Distinct().Count());
    }
}
