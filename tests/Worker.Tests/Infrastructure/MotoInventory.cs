using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>What moto holds: the names of buckets, customer-managed policies and roles, by name prefix.</summary>
public sealed record MotoInventory(IReadOnlyList<string> Buckets, IReadOnlyList<string> Policies, IReadOnlyList<string> Roles)
{
    public static async Task<MotoInventory> TakeAsync(MotoServer moto, string prefix)
    {
        using var aws = new AwsClients(Options.Create(moto.Options), moto.Credentials);
        var buckets = (await aws.S3("us-east-2").ListBucketsAsync(new ListBucketsRequest())).Buckets ?? [];
        using var iam = moto.CreateIamClient();
        var policies = await iam.Transport.ListAllAsync(IamQuery.For("ListPolicies").Add("Scope", "Local"), "Policies",
            p => p.Required("PolicyName"), default);
        var roles = await iam.Transport.ListAllAsync(IamQuery.For("ListRoles"), "Roles", r => r.Required("RoleName"), default);
        return new MotoInventory(
            buckets.Select(b => b.BucketName).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList(),
            policies.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList(),
            roles.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList());
    }
}
