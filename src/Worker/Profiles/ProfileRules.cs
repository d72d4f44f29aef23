using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Profiles;

/// <summary>
/// Everything a request sets that its profile does not allow, each problem on the request's field and naming the
/// profile's rule (<c>Profiles:&lt;name&gt;:&lt;Rule&gt;</c>). Pure: no call of any kind.
/// </summary>
public static class ProfileRules
{
    public static IEnumerable<RequestProblem> Check(EnvironmentRequest request, string name, ProfileOptions profile, string tenant, string? workerNamespace)
    {
        string Rule(string rule) => $"Profiles:{name}:{rule}";
        var k8s = request.Kubernetes;

        if (NamespacePatterns.NeverAllowed(k8s.Namespace, workerNamespace) is { } never)
            yield return new RequestProblem("kubernetes.namespace", $"{never}, whatever profile '{name}' lists");
        else if (!NamespacePatterns.MatchesAny(profile.NamespacesOrDefault, k8s.Namespace, tenant, request.Environment))
            yield return new RequestProblem("kubernetes.namespace",
                $"'{TextRules.Printable(k8s.Namespace)}' is not a namespace profile '{name}' allows ({Rule("Namespaces")}: {string.Join(", ", profile.NamespacesOrDefault)})");
        if (k8s.AdoptServiceAccount && !NamespacePatterns.MatchesAny(profile.AdoptServiceAccountNamespaces ?? [], k8s.Namespace, tenant, request.Environment))
            yield return new RequestProblem("kubernetes.adoptServiceAccount",
                $"profile '{name}' does not allow adopting a ServiceAccount in namespace '{TextRules.Printable(k8s.Namespace)}' ({Rule("AdoptServiceAccountNamespaces")})");
        if (k8s.CreateOidcProvider && !profile.AllowCreateOidcProvider)
            yield return new RequestProblem("kubernetes.createOidcProvider", $"profile '{name}' does not allow creating OIDC providers ({Rule("AllowCreateOidcProvider")})");

        foreach (var problem in IamRules.Check(request, name, profile)) yield return problem;

        var bucket = request.Bucket;
        if (profile.MinimumEncryption == "SSE-KMS" && bucket.Encryption != "SSE-KMS")
            yield return new RequestProblem("bucket.encryption", $"profile '{name}' requires SSE-KMS ({Rule("MinimumEncryption")})");
        if (profile.RequireVersioning && !bucket.Versioning)
            yield return new RequestProblem("bucket.versioning", $"profile '{name}' requires versioning ({Rule("RequireVersioning")})");

        var accounts = profile.CrossAccountAccounts ?? [];
        foreach (var (grant, i) in (request.CrossAccount ?? []).Select((g, i) => (g, i)))
        {
            var account = grant.Principal.Split(':') is { Length: > 4 } parts ? parts[4] : "";
            if (!accounts.Any(a => a == "*" || a == account))
                yield return new RequestProblem($"crossAccount[{i}].principal", accounts.Length == 0
                    ? $"profile '{name}' allows no cross-account grants ({Rule("CrossAccountAccounts")})"
                    : $"account '{TextRules.Printable(account)}' is not one profile '{name}' may grant ({Rule("CrossAccountAccounts")}: {string.Join(", ", accounts)})");
        }

        if (request.Milvus is { } milvus)
            foreach (var problem in MilvusProblems(milvus, name, profile)) yield return problem;
    }

    private static IEnumerable<RequestProblem> MilvusProblems(MilvusSpec milvus, string name, ProfileOptions profile)
    {
        var rule = $"Profiles:{name}:Charts";
        var reference = ChartReference.Parse(milvus.Chart, out var malformed);
        if (reference is null)
        {
            yield return new RequestProblem("milvus.chart", $"{malformed} ({rule})");
        }
        else if (profile.ChartsOrDefault.Where(reference.IsAllowedBy).ToList() is not { Count: > 0 } rules)
        {
            yield return new RequestProblem("milvus.chart",
                $"'{TextRules.Printable(milvus.Chart ?? Planner.DefaultChartRepository, 128)}' is not a chart profile '{name}' allows ({rule}: {string.Join("; ", profile.ChartsOrDefault)})");
        }
        else if (!rules.Any(r => r.Version is null || (milvus.Version is { } v && ChartVersions.Satisfies(v, r.Version))))
        {
            yield return new RequestProblem("milvus.version", milvus.Version is null
                ? $"profile '{name}' requires a chart version ({rule}: {string.Join("; ", rules)})"
                : $"'{TextRules.Printable(milvus.Version)}' is not a version profile '{name}' allows for this chart ({rule}: {string.Join("; ", rules)})");
        }

        if (milvus.Values is { ValueKind: JsonValueKind.Object } values)
            foreach (var path in ValuePaths.Refused(values, profile.ValuesOrDefault))
                yield return new RequestProblem($"milvus.values.{TextRules.Printable(path, 128)}",
                    $"is not a value profile '{name}' lets a request set (Profiles:{name}:Values: {string.Join(", ", profile.ValuesOrDefault)})");
    }
}
