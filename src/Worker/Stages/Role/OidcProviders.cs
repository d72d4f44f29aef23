using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Role;

/// <summary>
/// The cluster's IAM OIDC provider must exist before a role can trust it. It is shared by every environment of the
/// cluster, so it is created only on request and never deleted by compensation.
/// </summary>
public sealed class OidcProviders(IamClient iam)
{
    public async Task EnsureAsync(RolePlan plan, CancellationToken ct)
    {
        if (await iam.OpenIdConnectProviders.FindOpenIdConnectProviderArnAsync(plan.OidcIssuer, ct) is not null) return;
        if (!plan.CreateOidcProvider)
            throw new OidcProviderMissingException(plan.OidcIssuer);
        try
        {
            await iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(plan.OidcIssuer, [PolicyDocuments.StsAudience], [],
                new Dictionary<string, string> { [OwnershipTags.ManagedBy] = OwnershipTags.ManagedByValue }, ct);
        }
        catch (AwsException ex) when (ex.Code == "EntityAlreadyExists")
        {
            // Another run for the same cluster created it a moment ago: the provider is shared, so that is success.
        }
    }
}
