using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A request that uses every section and is valid, for tests to change one field at a time.</summary>
internal static class TestRequests
{
    public const string Environment = "tenant-a";
    public const string Region = "us-east-2";
    public const string Account = "123456789012";
    public const string IssuerHostPath = "oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string Issuer = "https://" + IssuerHostPath;

    /// <summary>First 8 hex digits of SHA-256("tenant-a|us-east-2|123456789012"), computed outside .NET.</summary>
    public const string DerivedBucket = "milvus-tenant-a-67966ad1";

    public static readonly Guid RequestId = Guid.Parse("3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11");
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static EnvironmentRequest Valid() => new()
    {
        RequestId = RequestId,
        Environment = Environment,
        Aws = new AwsSpec { Region = Region, AccountId = Account },
        Bucket = new BucketSpec { Tags = new Dictionary<string, string> { ["team"] = "search" } },
        Access = new AccessSpec(),
        Kubernetes = new KubernetesSpec { OidcIssuer = Issuer },
        Milvus = new MilvusSpec { Release = "milvus-tenant-a", Version = "5.0.19" },
        Ticket = new TicketReference { System = "jira", Key = "OPS-1234", CallbackUrl = "https://hooks.example.com/provisioned" },
    };

    public static PlanFacts Facts(string issuer = Issuer) => new(Account, issuer);

    public static EnvironmentPlan Plan(EnvironmentRequest request) => Planner.Plan(request, RequestId, Facts());
}
