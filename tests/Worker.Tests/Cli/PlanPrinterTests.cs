using Provisioner.Worker.Cli;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Cli;

public sealed class PlanPrinterTests
{
    [Fact]
    public void ToJson_KubernetesAndMilvus_ShowsManifestValuesAndBothHelmCommands()
    {
        var plan = TestRequests.Plan(TestRequests.Valid());

        var json = PlanPrinter.ToJson(plan);

        var manifest = json["serviceAccount"]!["manifest"]!;
        Assert.Equal("ServiceAccount", manifest["kind"]!.GetValue<string>());
        Assert.Equal(plan.Role.Arn, manifest["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        Assert.Equal(plan.ServiceAccount.Namespace, manifest["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(plan.Bucket.Name, json["helm"]!["values"]!["externalS3"]!["bucketName"]!.GetValue<string>());
        var helm4 = json["helm"]!["command"]!["helm4"]!.GetValue<string>();
        var helm3 = json["helm"]!["command"]!["helm3"]!.GetValue<string>();
        Assert.StartsWith("helm upgrade --install --namespace ", helm4);
        Assert.EndsWith($" -- {plan.Helm!.Release} {plan.Helm.Chart}", helm4);
        Assert.Contains("--rollback-on-failure", helm4);
        Assert.Contains("--atomic", helm3);
        Assert.DoesNotContain("--rollback-on-failure", helm3);
        Assert.Equal("Allow", json["accessPolicy"]!["document"]!["Statement"]![0]!["Effect"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_NoMilvus_HelmIsNull()
    {
        var plan = TestRequests.Plan(TestRequests.Valid() with { Milvus = null });

        Assert.Null(PlanPrinter.ToJson(plan)["helm"]);
    }
}
