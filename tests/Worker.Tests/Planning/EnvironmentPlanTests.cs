using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Planning;

public sealed class EnvironmentPlanTests
{
    [Theory]
    [InlineData(true, true, "bucket,access-policy,role,service-account,milvus-release,verify")]
    [InlineData(true, false, "bucket,access-policy,role,service-account,verify")]
    [InlineData(false, false, "bucket,access-policy,role,verify")]
    [InlineData(false, true, "bucket,access-policy,role,milvus-release,verify")]
    public void Stages_ManageAndMilvus_InExecutionOrder(bool manage, bool milvus, string expected)
    {
        var valid = TestRequests.Valid();
        var request = valid with { Kubernetes = valid.Kubernetes with { Manage = manage }, Milvus = milvus ? valid.Milvus : null };

        Assert.Equal(expected.Split(','), TestRequests.Plan(request).Stages);
    }

    [Theory]
    [InlineData(true, "bucket,access-policy,iam-user,access-key,milvus-release,verify")]
    [InlineData(false, "bucket,access-policy,iam-user,access-key,verify")]
    public void Stages_AccessKeyMode_UserAndKeyInsteadOfRoleAndServiceAccount(bool milvus, string expected)
    {
        var valid = TestRequests.Valid();
        var request = valid with { Access = valid.Access with { Mode = "access-key" }, Milvus = milvus ? valid.Milvus : null };

        Assert.Equal(expected.Split(','), TestRequests.Plan(request).Stages);
    }
}
