using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Files_ConfiguredPath_WinsOverTheVariable()
    {
        var files = Kubeconfig.Files(new KubernetesOptions { Kubeconfig = "/etc/k/config" }, "/a:/b");

        Assert.Equal(["/etc/k/config"], files);
    }

    [Fact]
    public void Files_VariableListsSeveral_ReturnsEachInOrder()
    {
        var files = Kubeconfig.Files(new KubernetesOptions(), $"/a{Path.PathSeparator}{Path.PathSeparator}/b ");

        Assert.Equal(["/a", "/b"], files);
    }

    [Fact]
    public void Files_NothingSet_FallsBackToHomeKubeConfig()
    {
        var files = Kubeconfig.Files(new KubernetesOptions(), null);

        Assert.Equal([k8s.KubernetesClientConfiguration.KubeConfigDefaultLocation], files);
    }

    [Fact]
    public void Load_ContextOnlyInSecondFile_BuildsThatContextKeepingTheFirstCurrentContext()
    {
        var first = Write("first", KubeconfigYaml("alpha", "https://alpha.example:6443"));
        var second = Write("second", KubeconfigYaml("beta", "https://beta.example:6443"));
        var options = new KubernetesOptions { Context = "beta" };

        var merged = Kubeconfig.Load([first, second]);
        var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, options.Context);

        Assert.Equal(("beta", "https://beta.example:6443"), (config.CurrentContext, config.Host));
        Assert.Equal("alpha", merged.CurrentContext);
    }

    [Fact]
    public void Configuration_ExplicitFileAndContext_BuildsThatContextWithTheTimeout()
    {
        var file = Write("one", KubeconfigYaml("alpha", "https://alpha.example:6443"));

        var config = KubernetesClientFactory.Configuration(new KubernetesOptions
        {
            Kubeconfig = file, Context = "alpha", RequestTimeout = TimeSpan.FromSeconds(7),
        });

        Assert.Equal(("https://alpha.example:6443", TimeSpan.FromSeconds(7)), (config.Host, config.HttpClientTimeout));
    }

    [Theory]
    [InlineData("missing-file", null)]
    [InlineData("one", "no-such-context")]
    public void Configuration_Unusable_ThrowsNamingFileAndContext(string name, string? context)
    {
        var file = name == "one" ? Write("one", KubeconfigYaml("alpha", "https://alpha.example:6443")) : Path.Combine(folder, name);

        var error = Assert.Throws<InvalidOperationException>(() =>
            KubernetesClientFactory.Configuration(new KubernetesOptions { Kubeconfig = file, Context = context }));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        if (context is not null) Assert.Contains(context, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string KubeconfigYaml(string name, string server) => $"""
        apiVersion: v1
        kind: Config
        current-context: {name}
        clusters:
        - name: {name}
          cluster:
            server: {server}
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {name}
        users:
        - name: {name}
          user:
            token: not-a-real-token
        """;
}
