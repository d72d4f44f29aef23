using System.Collections;
using System.Collections.Frozen;

namespace Provisioner.Worker.Helm;

/// <summary>
/// The environment helm runs with: only what helm, client-go and Go's networking read. Everything else the worker
/// holds (its API token, the ticketing secret, database and broker URLs, AWS credentials) is removed, so neither helm
/// nor anything it starts (a post-renderer, a plugin, a credential helper, a kubeconfig exec plugin) can read it.
/// </summary>
public static class HelmEnvironment
{
    /// <summary>
    /// Passed through when set, under exactly these names (Linux names are case-sensitive, hence both proxy spellings).
    /// HELM_DRIVER is passed: where releases are stored is the operator's choice and must match every other helm that
    /// manages them (the SQL driver is unusable: its connection string is a credential and is not passed).
    /// HELM_NAMESPACE is not: every command names its namespace, so an inherited one could only confuse.
    /// Not HELM_KUBE* (a token among them; <c>Helm:KubeContext</c>/<c>Helm:Kubeconfig</c> are the settings), HELM_DEBUG
    /// (prints rendered manifests), HELM_PLUGINS or AWS_* (an exec plugin in the kubeconfig names its own <c>env</c>).
    /// </summary>
    public static readonly FrozenSet<string> Passed = new[]
    {
        "PATH", "HOME", "TMPDIR",
        // kubeconfig lookup, and in-cluster configuration (with the ServiceAccount token file client-go reads itself)
        "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        // a private CA bundle, for a TLS-inspecting proxy or a private chart registry
        "SSL_CERT_FILE", "SSL_CERT_DIR",
        // helm's own state: repository cache, registry login, plugins; its defaults derive from the XDG dirs
        "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME", "HELM_DRIVER",
        "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// What to give CliWrap's <c>WithEnvironmentVariables</c>, which only adds or overrides on top of this process's
    /// environment: every variable of <paramref name="current"/> that is not passed, set to null, which removes it.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Removals(IDictionary current)
    {
        var removals = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in current)
            if (variable.Key is string name && !Passed.Contains(name)) removals[name] = null;
        return removals;
    }
}
