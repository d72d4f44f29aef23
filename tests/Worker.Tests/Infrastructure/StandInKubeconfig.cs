namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A kubeconfig that points a real client (or the worker process) at the Kubernetes stand-in.</summary>
public static class StandInKubeconfig
{
    public static string Write(string path, Uri server)
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: standin
              cluster:
                server: "{server}"
            users:
            - name: tester
              user:
                token: not-a-secret
            contexts:
            - name: standin
              context:
                cluster: standin
                user: tester
            current-context: standin
            """);
        return path;
    }
}
