using System.Text.Json;
using Provisioner.Contracts;
using static Provisioner.Worker.Tests.Validation.RequestChanges;

namespace Provisioner.Worker.Tests.Profiles;

/// <summary>
/// Requests the built-in default profile refuses though every field is well formed, one rule per row: the field the
/// caller sees and a distinctive part of the message. The worker's own namespace is <see cref="WorkerNamespace"/>.
/// </summary>
internal static class RefusedByProfile
{
    public sealed record Row(string Field, string Message, Func<EnvironmentRequest, EnvironmentRequest> Change);

    public const string WorkerNamespace = "milvus-provisioner";
    private const string NotAChart = "is not a chart profile";
    private const string NotAValue = "is not a value profile";
    private const string NotANamespace = "is not a namespace profile";

    private static Func<EnvironmentRequest, EnvironmentRequest> WithValues(string json) =>
        WithMilvus(m => m with { Values = JsonSerializer.Deserialize<JsonElement>(json) });

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["chart from an http repository"] = new("milvus.chart", "plain http", WithMilvus(m => m with { Chart = "http://zilliztech.github.io/milvus-helm/" })),
        ["chart from another https repository"] = new("milvus.chart", NotAChart, WithMilvus(m => m with { Chart = "https://charts.attacker.example/" })),
        ["chart from an OCI registry"] = new("milvus.chart", NotAChart, WithMilvus(m => m with { Chart = "oci://registry.attacker.example/charts/milvus" })),
        ["chart from an OCI registry by digest"] = new("milvus.chart", NotAChart,
            WithMilvus(m => m with { Chart = "oci://registry.attacker.example/charts/milvus@sha256:" + new string('a', 64) })),
        ["chart from a local path"] = new("milvus.chart", NotAChart, WithMilvus(m => m with { Chart = "/tmp/charts/milvus" })),
        ["chart from a relative path"] = new("milvus.chart", "absolute local path", WithMilvus(m => m with { Chart = "../charts/milvus" })),
        ["chart path climbing out"] = new("milvus.chart", "without '.' or '..' segments", WithMilvus(m => m with { Chart = "/srv/charts/../../tmp/milvus" })),
        ["chart named like a flag"] = new("milvus.chart", "absolute local path", WithMilvus(m => m with { Chart = "--post-renderer=/bin/sh" })),

        ["values serviceAccount"] = new("milvus.values.serviceAccount.name", NotAValue, WithValues("""{"serviceAccount":{"name":"aws-node"}}""")),
        ["values image"] = new("milvus.values.image.all.repository", NotAValue, WithValues("""{"image":{"all":{"repository":"attacker/milvus"}}}""")),
        ["values component image through a wildcard"] = new("milvus.values.queryNode.image", NotAValue, WithValues("""{"queryNode":{"image":"attacker/milvus"}}""")),
        ["values securityContext"] = new("milvus.values.queryNode.securityContext.privileged", NotAValue,
            WithValues("""{"queryNode":{"securityContext":{"privileged":true}}}""")),
        ["values hostPath volume"] = new("milvus.values.proxy.volumes", NotAValue, WithValues("""{"proxy":{"volumes":[{"hostPath":{"path":"/"}}]}}""")),
        ["values extra containers"] = new("milvus.values.proxy.extraContainers", NotAValue, WithValues("""{"proxy":{"extraContainers":[]}}""")),
        ["values RBAC"] = new("milvus.values.rbac.create", NotAValue, WithValues("""{"rbac":{"create":true}}""")),
        ["values environment variables"] = new("milvus.values.proxy.extraEnv", NotAValue, WithValues("""{"proxy":{"extraEnv":[]}}""")),
        ["values the worker forces"] = new("milvus.values.externalS3.bucketName", NotAValue, WithValues("""{"externalS3":{"bucketName":"other"}}""")),
        ["values under an allowed key"] = new("milvus.values.etcd.persistence.storageClass", NotAValue,
            WithValues("""{"etcd":{"persistence":{"size":"10Gi","storageClass":"x"}}}""")),

        ["namespace kube-system"] = new("kubernetes.namespace", "kube-* namespaces", WithKubernetes(k => k with { Namespace = "kube-system" })),
        ["namespace kube-public"] = new("kubernetes.namespace", "kube-* namespaces", WithKubernetes(k => k with { Namespace = "kube-public" })),
        ["namespace default"] = new("kubernetes.namespace", "default namespace is never allowed", WithKubernetes(k => k with { Namespace = "default" })),
        ["namespace of the worker"] = new("kubernetes.namespace", "worker's own namespace", WithKubernetes(k => k with { Namespace = WorkerNamespace })),
        ["namespace not listed"] = new("kubernetes.namespace", NotANamespace, WithKubernetes(k => k with { Namespace = "monitoring" })),
        ["namespace of another environment"] = new("kubernetes.namespace", NotANamespace, WithKubernetes(k => k with { Namespace = "milvus-tenant-b" })),

        ["adopting a ServiceAccount"] = new("kubernetes.adoptServiceAccount", "does not allow adopting",
            WithKubernetes(k => k with { AdoptServiceAccount = true, ServiceAccount = "aws-node" })),
        ["creating an OIDC provider"] = new("kubernetes.createOidcProvider", "does not allow creating OIDC providers",
            WithKubernetes(k => k with { CreateOidcProvider = true })),

        ["boundary widened to AdministratorAccess"] = new("access.permissionsBoundary", "allows no permissions boundary",
            WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::aws:policy/AdministratorAccess" })),
        ["role path with the prefix and a foreign name"] = new("access.roleName", "must start with 'milvus-'",
            WithAccess(a => a with { RolePath = "/milvus-x/", RoleName = "Admin" })),
        ["role path below without the prefix"] = new("access.rolePath", "must start with 'milvus-'", WithAccess(a => a with { RolePath = "/team/" })),
        ["policy name without the prefix"] = new("access.policyName", "must start with 'milvus-'", WithAccess(a => a with { PolicyName = "AdminPolicy" })),
        ["access-key mode"] = new("access.mode", "does not allow access-key mode", WithAccess(a => a with { Mode = "access-key" })),
        ["user name without the prefix"] = new("access.userName", "must start with 'milvus-'", WithAccess(a => a with { Mode = "access-key", UserName = "ci" })),

        ["grant to an unlisted account"] = new("crossAccount[0].principal", "allows no cross-account grants",
            r => r with { CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:root" }] }),
    };
}
