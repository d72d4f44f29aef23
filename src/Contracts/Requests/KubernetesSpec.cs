namespace Provisioner.Contracts;

public sealed record KubernetesSpec
{
    public string Namespace { get; init; } = "milvus";
    public string ServiceAccount { get; init; } = "milvus-s3-access-sa";

    /// <summary>The cluster's OIDC issuer (https URL); discovered from the cluster when absent.</summary>
    public string? OidcIssuer { get; init; }

    /// <summary>false = the worker never touches the cluster; the plan carries the manifest to apply.</summary>
    public bool Manage { get; init; } = true;

    /// <summary>Take over an existing ServiceAccount that carries no ownership labels (never implicit).</summary>
    public bool AdoptServiceAccount { get; init; }

    /// <summary>Create the IAM OIDC provider for the issuer when it is missing (off by default).</summary>
    public bool CreateOidcProvider { get; init; }
}
