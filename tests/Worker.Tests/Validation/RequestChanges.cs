using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Validation;

/// <summary>One-field changes to the valid request, so each table row reads as the field it breaks.</summary>
internal static class RequestChanges
{
    public static Func<EnvironmentRequest, EnvironmentRequest> WithEnvironment(string value) => r => r with { Environment = value };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithAws(Func<AwsSpec, AwsSpec> change) => r => r with { Aws = change(r.Aws) };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithBucket(Func<BucketSpec, BucketSpec> change) =>
        r => r with { Bucket = change(r.Bucket) };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithBucketName(string name) => WithBucket(b => b with { Name = name });

    public static Func<EnvironmentRequest, EnvironmentRequest> WithTags(IReadOnlyDictionary<string, string>? tags) =>
        WithBucket(b => b with { Tags = tags });

    public static Func<EnvironmentRequest, EnvironmentRequest> WithTag(string key, string value) =>
        WithTags(new Dictionary<string, string> { [key] = value });

    public static Dictionary<string, string> ManyTags(int count) =>
        Enumerable.Range(1, count).ToDictionary(i => $"tag-{i}", i => $"value-{i}");

    public static Func<EnvironmentRequest, EnvironmentRequest> WithAccess(Func<AccessSpec, AccessSpec> change) =>
        r => r with { Access = change(r.Access) };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithKubernetes(Func<KubernetesSpec, KubernetesSpec> change) =>
        r => r with { Kubernetes = change(r.Kubernetes) };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithMilvus(Func<MilvusSpec, MilvusSpec> change) =>
        r => r with { Milvus = change(r.Milvus ?? new MilvusSpec()) };

    public static Func<EnvironmentRequest, EnvironmentRequest> WithTicket(Func<TicketReference, TicketReference> change) =>
        r => r with { Ticket = change(r.Ticket ?? new TicketReference()) };
}
