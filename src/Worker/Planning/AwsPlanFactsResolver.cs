using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Planning;

/// <summary>
/// The account comes from the credentials in use (STS GetCallerIdentity); a request that names another account is
/// refused, so a worker with the wrong credentials never builds in the wrong place.
/// </summary>
public sealed class AwsPlanFactsResolver(AwsClients aws, IOidcIssuerSource? issuers = null) : IPlanFactsResolver
{
    public async Task<PlanFacts> ResolveAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        if (AwsCredentialCheck.Problem(aws) is { } missing) throw new PlanFactsException(missing);
        string account;
        try
        {
            account = (await aws.Sts(request.Aws.Region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
        }
        catch (AmazonServiceException ex)
        {
            throw new PlanFactsException($"cannot tell which AWS account the worker's credentials belong to: {ex.ErrorCode} {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new PlanFactsException($"cannot reach STS to identify the AWS account: {ex.Message}", ex);
        }
        if (request.Aws.AccountId is { } wanted && wanted != account)
            throw new PlanFactsException($"the request is for account {wanted} but the worker's credentials are for account {account}");
        // Access-key mode trusts no OIDC provider: nothing to discover.
        if (request.Access.Mode == Planner.AccessKeyMode) return new PlanFacts(account, request.Kubernetes.OidcIssuer ?? PlanFacts.UnknownIssuer);
        var issuer = request.Kubernetes.OidcIssuer
            ?? (issuers is null
                ? throw new PlanFactsException("kubernetes.oidcIssuer is not given and this worker has no cluster to discover it from")
                : await issuers.DiscoverAsync(cancellationToken));
        return new PlanFacts(account, issuer);
    }
}
