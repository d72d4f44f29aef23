using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Stages;

/// <summary>
/// Requests and plans for resource tests. Every environment and issuer is unique, so tests can share one moto_server,
/// and every request is checked by the real validator, so a test never exercises a plan the worker would refuse.
/// </summary>
internal static class TestEnvironments
{
    /// <summary>A DNS label of at most 40 characters: the derived bucket and role names stay within their limits.</summary>
    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>An EKS-shaped issuer of its own, so whether its OIDC provider exists is up to the test.</summary>
    public static string NewIssuer(string region = "us-east-2") =>
        $"https://oidc.eks.{region}.amazonaws.com/id/{Guid.NewGuid().ToString("N").ToUpperInvariant()}";

    public static EnvironmentRequest Request(string environment, string region = "us-east-2", string? issuer = null) => new()
    {
        Environment = environment,
        Aws = new AwsSpec { Region = region, AccountId = MotoServer.AccountId },
        Bucket = new BucketSpec { Tags = new Dictionary<string, string> { ["team"] = "search" } },
        Kubernetes = new KubernetesSpec { OidcIssuer = issuer ?? NewIssuer(region), Manage = false },
    };

    public static EnvironmentPlan Plan(EnvironmentRequest request, Guid requestId)
    {
        Assert.Empty(RequestValidator.Validate(request, DateTimeOffset.UtcNow));
        return Planner.Plan(request, requestId, new PlanFacts(MotoServer.AccountId, request.Kubernetes.OidcIssuer!));
    }

    public static EnvironmentPlan Plan(EnvironmentRequest request) => Plan(request, Guid.NewGuid());
}
