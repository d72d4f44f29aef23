using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.StateMachine;

public static class SagaRequests
{
    public static EnvironmentRequest Valid(string? environment = null) => new()
    {
        Environment = environment ?? $"env-{Guid.NewGuid():N}"[..20],
        Aws = new AwsSpec { Region = "us-east-2" },
        Kubernetes = new KubernetesSpec { Manage = false, OidcIssuer = "https://oidc.example.test/id/ABC" },
    };

    /// <summary>Every stage: the worker manages the ServiceAccount and installs Milvus.</summary>
    public static EnvironmentRequest Full(string? environment = null) => Valid(environment) with
    {
        Kubernetes = new KubernetesSpec { Manage = true, OidcIssuer = "https://oidc.example.test/id/ABC" },
        Milvus = new MilvusSpec { Release = "milvus-demo", Version = "5.0.19" },
    };

    /// <summary>Access-key mode: an IAM user whose key lands in a Secret, and Milvus reading it from there.</summary>
    public static EnvironmentRequest AccessKey(string? environment = null) => Full(environment) with
    {
        Access = new AccessSpec { Mode = Planner.AccessKeyMode },
    };
}
