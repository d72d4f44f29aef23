using Provisioner.Contracts;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Planning;
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

    /// <summary>The sections a plan shows per mode: those of the stages the run goes through, and nothing it will never make.</summary>
    public static TheoryData<string, string[], string[]> Modes => new()
    {
        { "irsa-managed", ["bucket", "accessPolicy", "role", "serviceAccount", "helm"], ["user", "accessKey", "bucketPolicy"] },
        { "irsa-manifest", ["bucket", "accessPolicy", "role", "serviceAccount"], ["user", "accessKey", "helm", "bucketPolicy"] },
        { "access-key", ["bucket", "accessPolicy", "user", "accessKey", "helm"], ["role", "serviceAccount", "bucketPolicy"] },
        { "cross-account", ["bucket", "bucketPolicy", "accessPolicy", "role", "serviceAccount", "helm"], ["user", "accessKey"] },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void ToJson_Mode_ShowsOnlyTheSectionsOfItsStages(string mode, string[] shown, string[] absent)
    {
        var json = PlanPrinter.ToJson(TestRequests.Plan(Request(mode)));

        Assert.All(shown, section => Assert.NotNull(json[section]));
        Assert.All(absent, section => Assert.False(json.ContainsKey(section), $"{mode} shows {section}"));
        Assert.DoesNotContain("role-arn", json["accessKey"]?.ToJsonString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_AccessKeyMode_NoRoleArnAnywhere()
    {
        var plan = TestRequests.Plan(Request("access-key"));

        Assert.DoesNotContain(plan.Role.Arn, PlanPrinter.Print(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_BeforeAnyRun_RunIdShownAsPlaceholder()
    {
        var plan = Planner.Plan(TestRequests.Valid(), Guid.Empty, TestRequests.Facts());

        var text = PlanPrinter.Print(plan);

        Assert.Contains("\"milvus-provisioner/run-id\": \"<run-id>\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Guid.Empty.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Reconcile_ListsTheChangesAgainstWhatIsApplied()
    {
        var applied = TestRequests.Plan(TestRequests.Valid());
        var next = Planner.Plan(TestRequests.Valid() with { Access = new AccessSpec { Permissions = "read-only" } }, Guid.NewGuid(), TestRequests.Facts());

        var changes = PlanPrinter.ToJson(next, PlanChanges.Compare(applied, next))["changes"]!.AsArray();

        Assert.Equal("updated", changes.Single(c => c!["stage"]!.GetValue<string>() == "access-policy")!["change"]!.GetValue<string>());
        Assert.Equal("unchanged", changes.Single(c => c!["stage"]!.GetValue<string>() == "bucket")!["change"]!.GetValue<string>());
    }

    private static EnvironmentRequest Request(string mode)
    {
        var request = TestRequests.Valid();
        return mode switch
        {
            "irsa-manifest" => request with { Kubernetes = request.Kubernetes with { Manage = false }, Milvus = null },
            "access-key" => request with { Access = new AccessSpec { Mode = Planner.AccessKeyMode } },
            "cross-account" => request with { CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:role/analytics" }] },
            _ => request,
        };
    }
}
