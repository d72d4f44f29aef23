namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A kubeconfig file of the test's own (0600, as helm wants it), removed on dispose.</summary>
internal sealed class TestKubeconfig : IDisposable
{
    /// <summary>Port 1 on loopback: privileged and unused, so every connection is refused at once.</summary>
    public const string RefusingServer = "http://127.0.0.1:1";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("kubeconfig-");

    public TestKubeconfig(string server)
    {
        Path = System.IO.Path.Combine(directory.FullName, "config");
        File.WriteAllText(Path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: { server: "{{server}}" }
            contexts:
            - name: test
              context: { cluster: test, user: test, namespace: default }
            current-context: test
            users:
            - name: test
              user: { token: not-a-secret }
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string Path { get; }

    public void Dispose() => directory.Delete(recursive: true);
}
