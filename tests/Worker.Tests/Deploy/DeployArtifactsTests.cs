using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Deploy;

/// <summary>
/// The worker's own chart renders and lints with the real helm, its ClusterRole lets it do what it does (its own calls, and
/// helm's for the Milvus chart it installs as itself) and no more; its own IAM policy stays scoped to milvus-* names.
/// </summary>
public sealed class DeployArtifactsTests
{
    private static readonly string Chart = RepositoryRoot.Combine("deploy", "helm", "milvus-provisioner");

    /// <summary>What helm does to a release's objects: get (ownership, status), create/update/patch (install, upgrade,
    /// rollback), delete (rollback, uninstall), list/watch (its wait; Helm 4's --wait=watcher runs an informer per kind).</summary>
    private static readonly string[] HelmVerbs = ["get", "list", "watch", "create", "update", "patch", "delete"];

    /// <summary>
    /// The namespaced kinds (with a list verb, Events aside) of a stock EKS cluster: destroy lists every one before it
    /// removes a namespace (Stages/ServiceAccount/NamespaceContents), and keeps the namespace when a list is refused.
    /// </summary>
    private static readonly (string Group, string Resource)[] NamespaceCheck =
    [
        ("", "configmaps"), ("", "endpoints"), ("", "limitranges"), ("", "persistentvolumeclaims"), ("", "pods"), ("", "podtemplates"),
        ("", "replicationcontrollers"), ("", "resourcequotas"), ("", "secrets"), ("", "serviceaccounts"), ("", "services"),
        ("apps", "controllerrevisions"), ("apps", "daemonsets"), ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"),
        ("autoscaling", "horizontalpodautoscalers"), ("batch", "cronjobs"), ("batch", "jobs"), ("coordination.k8s.io", "leases"),
        ("discovery.k8s.io", "endpointslices"), ("networking.k8s.io", "ingresses"), ("networking.k8s.io", "networkpolicies"),
        ("policy", "poddisruptionbudgets"), ("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "rolebindings"),
        ("storage.k8s.io", "csistoragecapacities"), ("networking.k8s.aws", "policyendpoints"), ("vpcresources.k8s.aws", "securitygrouppolicies"),
        ("metrics.k8s.io", "pods"),
    ];

    /// <summary>
    /// Every permission the worker uses. Its own calls (src/Worker: Stages/ServiceAccount, Stages/AccessKey,
    /// Kubernetes/ServiceAccountTokens, Stages/MilvusRelease/ReleaseWorkloads; the namespace check's lists and, with
    /// deleteData, the release's PVC deletion), helm's release records (Secrets), helm's
    /// wait (a Deployment's ReplicaSets, a workload's pods), and helm's verbs on every kind the Milvus chart (zilliztech
    /// milvus-helm 5.x) renders with the worker's values, cluster or standalone: Deployments (one per component, or
    /// standalone's), etcd's StatefulSet (etcd subchart), Services, the ConfigMap, and standalone's PVC (pvc.yaml).
    /// </summary>
    private static readonly Permission[] Required =
    [
        .. Permission.Of("", "namespaces", "get", "list", "create", "delete"),
        .. Permission.Of("", "serviceaccounts", "get", "list", "create", "patch", "delete"),
        .. Permission.Of("", "secrets", "get", "list", "create", "update", "patch", "delete"),
        .. Permission.Of("", "serviceaccounts/token", "create"),
        .. Permission.Of("", "pods", "list"),
        .. Permission.Of("apps", "replicasets", "list"),
        .. Permission.Of("apps", "deployments", HelmVerbs),
        .. Permission.Of("apps", "statefulsets", HelmVerbs),
        .. Permission.Of("", "services", HelmVerbs),
        .. Permission.Of("", "configmaps", HelmVerbs),
        .. Permission.Of("", "persistentvolumeclaims", HelmVerbs),
        .. NamespaceCheck.Select(k => new Permission(k.Group, k.Resource, "list")),
    ];

    [HelmFact(4)]
    public async Task Lint_WorkerChart_Passes()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "lint", Chart);

        Assert.Contains("0 chart(s) failed", output);
    }

    [HelmFact(4)]
    public async Task Template_RoleArnAndExistingSecret_AnnotatesServiceAccountAndNeverInlinesSecrets()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "template", "w", Chart,
            "--set", "serviceAccount.roleArn=arn:aws:iam::123456789012:role/provisioner", "--set", "existingSecret=provisioner-secrets");

        Assert.Contains("eks.amazonaws.com/role-arn: \"arn:aws:iam::123456789012:role/provisioner\"", output);
        Assert.Contains("name: provisioner-secrets", output);
        Assert.Contains("runAsNonRoot: true", output);
        Assert.DoesNotContain("kind: Secret", output);
    }

    [HelmFact(4)]
    public async Task Template_AllowedHosts_TheServicesNamesAndTheOperatorsAndProbesSendLocalhost()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "template", "w", Chart, "--namespace", "ops",
            "--set", "allowedHosts[0]=provisioner.example.com");

        Assert.Contains(
            "value: \"localhost;w-milvus-provisioner;w-milvus-provisioner.ops;w-milvus-provisioner.ops.svc;w-milvus-provisioner.ops.svc.cluster.local;provisioner.example.com\"",
            output);
        Assert.Equal(2, output.Split("httpHeaders: [{ name: Host, value: localhost }]").Length - 1);
    }

    [HelmFact(4)]
    public async Task Template_ClusterRole_GrantsTheWorkersCallsAndHelmsForTheMilvusChart()
    {
        var rules = await RenderRulesAsync();

        Assert.Empty(Missing(Required, rules));
    }

    [HelmFact(4)]
    public async Task Template_ClusterRole_NamespaceCheckKindsAreOnlyListed()
    {
        var rules = await RenderRulesAsync();
        string[] written = ["create", "update", "patch", "delete"];

        var onlyForTheCheck = NamespaceCheck.Where(k => !Required.Any(p => (p.Group, p.Resource) == k && p.Verb != "list"));

        Assert.All(onlyForTheCheck, k => Assert.DoesNotContain(rules, r => r.ApiGroups.Contains(k.Group) && r.Resources.Contains(k.Resource) && r.Verbs.Intersect(written).Any()));
    }

    [HelmFact(4)]
    public async Task Template_ClusterRole_NamesEveryGroupResourceAndVerb()
    {
        var rules = await RenderRulesAsync();

        Assert.All(rules, rule =>
        {
            Assert.DoesNotContain("*", rule.ApiGroups);
            Assert.DoesNotContain("*", rule.Resources);
            Assert.DoesNotContain("*", rule.Verbs);
            Assert.Null(rule.NonResourceURLs);
        });
    }

    [HelmFact(4)]
    public async Task Template_ExtraRules_AppendedToTheClusterRole()
    {
        var rules = await RenderRulesAsync("--set-json",
            """rbac.extraRules=[{"apiGroups":["networking.k8s.io"],"resources":["ingresses"],"verbs":["get","create"]}]""");

        Assert.Empty(Missing([.. Permission.Of("networking.k8s.io", "ingresses", "get", "create"), .. Required], rules));
        Assert.Equal(Permission.Of("networking.k8s.io", "ingresses", "delete"), Missing(Permission.Of("networking.k8s.io", "ingresses", "delete"), rules));
    }

    [Theory]
    [InlineData("worker-policy.json")]
    [InlineData("worker-policy-forced-boundary.json")]
    public void WorkerPolicy_EveryWriteIsScopedToMilvusNames(string file)
    {
        var policy = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("deploy", "iam", file)))!;

        foreach (var statement in policy["Statement"]!.AsArray())
        {
            var actions = statement!["Action"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            var resource = statement["Resource"]!.GetValue<string>();
            Assert.DoesNotContain("*", actions);
            Assert.DoesNotContain(actions, a => a.EndsWith(":*", StringComparison.Ordinal));
            if (statement["Effect"]!.GetValue<string>() == "Allow" && actions.Any(a => a.StartsWith("s3:") || a.Contains("Create") || a.Contains("Delete")))
                Assert.Contains("milvus-", resource);
        }
    }

    /// <summary>
    /// The policy for a profile forcing path <c>/milvus/</c> and a boundary (docs/profiles.md): a role is created or
    /// re-bounded only with that boundary, a boundary is never removed, and every role write is under the path.
    /// </summary>
    [Fact]
    public void WorkerPolicyForcedBoundary_RolesOnlyUnderThePathWithTheBoundaryNeverWithout()
    {
        var statements = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("deploy", "iam", "worker-policy-forced-boundary.json")))!["Statement"]!
            .AsArray().Select(s => s!).ToList();
        static IEnumerable<string> Actions(JsonNode s) => s["Action"]!.AsArray().Select(a => a!.GetValue<string>());

        var allowRoles = statements.Where(s => s["Effect"]!.GetValue<string>() == "Allow" && Actions(s).Any(a => a.Contains("Role", StringComparison.Ordinal))).ToList();
        Assert.All(allowRoles, s => Assert.Equal("arn:aws:iam::*:role/milvus/milvus-*", s["Resource"]!.GetValue<string>()));
        var bounded = Assert.Single(allowRoles, s => Actions(s).Contains("iam:CreateRole"));
        Assert.Contains("iam:PutRolePermissionsBoundary", Actions(bounded));
        Assert.Contains("arn:aws:iam::123456789012:policy/milvus-boundary",
            bounded["Condition"]!["StringEquals"]!["iam:PermissionsBoundary"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.DoesNotContain(allowRoles.Where(s => s != bounded), s => Actions(s).Any(a => a is "iam:CreateRole" or "iam:PutRolePermissionsBoundary"));
        Assert.Contains(statements, s => s["Effect"]!.GetValue<string>() == "Deny" && Actions(s).Contains("iam:DeleteRolePermissionsBoundary")
            && s["Resource"]!.GetValue<string>() == "*");
    }

    /// <summary>The worker chart's ClusterRole rules, as helm renders them.</summary>
    private static async Task<IList<V1PolicyRule>> RenderRulesAsync(params string[] extra)
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), ["template", "w", Chart, .. extra]);
        return KubernetesYaml.Deserialize<V1ClusterRole>(new RenderedManifest(output).Single("ClusterRole")).Rules;
    }

    /// <summary>The permissions no rule grants; an exact match, so a wildcard never counts as granting.</summary>
    private static List<Permission> Missing(IEnumerable<Permission> permissions, IList<V1PolicyRule> rules) =>
        permissions.Where(p => !rules.Any(r => r.ApiGroups.Contains(p.Group) && r.Resources.Contains(p.Resource) && r.Verbs.Contains(p.Verb)))
            .ToList();

    private sealed record Permission(string Group, string Resource, string Verb)
    {
        public static IEnumerable<Permission> Of(string group, string resource, params string[] verbs) =>
            verbs.Select(verb => new Permission(group, resource, verb));

        public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)}/{Resource} {Verb}";
    }
}
