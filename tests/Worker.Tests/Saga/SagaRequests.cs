using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Saga;

public static class SagaRequests
{
    public static EnvironmentRequest Valid(string? environment = null) => new()
    {
        Environment = environment ?? $"env-{Guid.NewGuid():N}"[..20],
        Aws = new AwsSpec { Region = "us-east-2" },
        Kubernetes = new KubernetesSpec { Manage = false, OidcIssuer = "https://oidc.example.test/id/ABC" },
    };
}
