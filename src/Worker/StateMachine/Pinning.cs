using Provisioner.Contracts;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// What makes an environment that environment — the cluster that trusts its role, the namespace and ServiceAccount that
/// assume it, how it gets credentials, the account it lives in — is fixed by its first successful run. A reconcile that
/// changes any of it is refused: deprovision and create again.
/// </summary>
public static class Pinning
{
    private const string Advice = "deprovision the environment and create it again to change it";

    public static IEnumerable<RequestProblem> Problems(AppliedRequest? applied, EnvironmentRequest request)
    {
        if (applied is null) yield break;
        var (was, now) = (applied.Request, request);
        if (now.Kubernetes.OidcIssuer is { } issuer && !SameIssuer(issuer, applied.OidcIssuer))
            yield return Pinned("kubernetes.oidcIssuer", applied.OidcIssuer);
        if (now.Kubernetes.Namespace != was.Kubernetes.Namespace) yield return Pinned("kubernetes.namespace", was.Kubernetes.Namespace);
        if (now.Kubernetes.ServiceAccount != was.Kubernetes.ServiceAccount) yield return Pinned("kubernetes.serviceAccount", was.Kubernetes.ServiceAccount);
        if (now.Access.Mode != was.Access.Mode) yield return Pinned("access.mode", was.Access.Mode);
        if (now.Aws.AccountId is { } account && account != applied.AccountId) yield return Pinned("aws.accountId", applied.AccountId);
    }

    /// <summary>The facts observed for a reconcile (the credentials' account, a discovered issuer) must be the applied ones too.</summary>
    public static string? FactsProblem(AppliedRequest? applied, string accountId, string oidcIssuer, EnvironmentRequest request)
    {
        if (applied is null) return null;
        if (accountId != applied.AccountId)
            return $"the worker's credentials are for account {accountId}, but the environment lives in account {applied.AccountId}; {Advice}";
        return request.Access.Mode != Planning.Planner.AccessKeyMode && !SameIssuer(oidcIssuer, applied.OidcIssuer)
            ? $"the cluster's OIDC issuer is {oidcIssuer}, but the environment's role trusts {applied.OidcIssuer}; {Advice}"
            : null;
    }

    private static RequestProblem Pinned(string field, string applied) =>
        new(field, $"cannot change after the environment was provisioned (it is '{applied}'); {Advice}");

    private static bool SameIssuer(string a, string b) =>
        Aws.Iam.IamOpenIdConnectProviders.NormalizeIssuer(a) == Aws.Iam.IamOpenIdConnectProviders.NormalizeIssuer(b);
}
