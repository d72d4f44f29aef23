using k8s;
using k8s.KubeConfigModels;

namespace Provisioner.Worker.Kubernetes;

/// <summary>
/// Which kubeconfig files to read, kubectl's way: the configured one, else every file in <c>KUBECONFIG</c> merged (first
/// wins), else <c>~/.kube/config</c>. KubernetesClient's file builder ignores KUBECONFIG, and its merging default builder
/// takes no context.
/// </summary>
public static class Kubeconfig
{
    public static IReadOnlyList<string> Files(KubernetesOptions options, string? variable)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig)) return [options.Kubeconfig];
        var listed = (variable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return listed.Length > 0 ? listed : [KubernetesClientConfiguration.KubeConfigDefaultLocation];
    }

    /// <summary>Relative certificate paths resolve against the first file's folder.</summary>
    public static K8SConfiguration Load(IReadOnlyList<string> files)
    {
        var configs = files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f))).ToList();
        var merged = configs[0];
        foreach (var next in configs.Skip(1))
        {
            merged.CurrentContext ??= next.CurrentContext;
            merged.Contexts = Merge(merged.Contexts, next.Contexts, c => c.Name);
            merged.Clusters = Merge(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = Merge(merged.Users, next.Users, u => u.Name);
        }
        return merged;
    }

    private static List<T> Merge<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var seen = result.Select(name).ToHashSet(StringComparer.Ordinal);
        result.AddRange((second ?? []).Where(item => seen.Add(name(item))));
        return result;
    }
}
