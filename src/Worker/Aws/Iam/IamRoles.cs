namespace Provisioner.Worker.Aws.Iam;

/// <summary>Roles: trust policy, permissions boundary, tags, managed and inline policies.</summary>
public sealed class IamRoles
{
    private readonly IamTransport transport;

    internal IamRoles(IamTransport transport) => this.transport = transport;

    public async Task<IamRole?> GetRoleAsync(string name, CancellationToken cancellationToken)
    {
        var result = await transport.SendOrNullAsync(IamQuery.For("GetRole").Add("RoleName", name), cancellationToken)
            .ConfigureAwait(false);
        return result is null ? null : IamRole.FromXml(result.Child("Role"));
    }

    public async Task<IamRole> CreateRoleAsync(string name, string path, string trustDocument, string? description,
        string? permissionsBoundaryArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var query = IamQuery.For("CreateRole")
            .Add("RoleName", name)
            .Add("Path", path)
            .Add("AssumeRolePolicyDocument", trustDocument)
            .Add("Description", description)
            .Add("PermissionsBoundary", permissionsBoundaryArn)
            .AddTags(tags);
        var result = await transport.SendAsync(query, cancellationToken).ConfigureAwait(false);
        return IamRole.FromXml(result.Child("Role"));
    }

    public Task DeleteRoleAsync(string name, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteRole").Add("RoleName", name), cancellationToken);

    public Task UpdateAssumeRolePolicyAsync(string name, string trustDocument, CancellationToken cancellationToken) =>
        Send(IamQuery.For("UpdateAssumeRolePolicy").Add("RoleName", name).Add("PolicyDocument", trustDocument),
            cancellationToken);

    public Task PutRolePermissionsBoundaryAsync(string name, string boundaryArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("PutRolePermissionsBoundary").Add("RoleName", name).Add("PermissionsBoundary", boundaryArn),
            cancellationToken);

    public Task DeleteRolePermissionsBoundaryAsync(string name, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteRolePermissionsBoundary").Add("RoleName", name), cancellationToken);

    public Task TagRoleAsync(string name, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken) =>
        Send(IamQuery.For("TagRole").Add("RoleName", name).AddTags(tags), cancellationToken);

    public Task UntagRoleAsync(string name, IEnumerable<string> tagKeys, CancellationToken cancellationToken) =>
        Send(IamQuery.For("UntagRole").Add("RoleName", name).AddList("TagKeys", tagKeys), cancellationToken);

    /// <summary>ARNs of the managed policies attached to the role, all pages.</summary>
    public Task<IReadOnlyList<string>> ListAttachedRolePoliciesAsync(string name,
        CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListAttachedRolePolicies").Add("RoleName", name), "AttachedPolicies",
            policy => policy.Required("PolicyArn"), cancellationToken);

    public Task AttachRolePolicyAsync(string name, string policyArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("AttachRolePolicy").Add("RoleName", name).Add("PolicyArn", policyArn), cancellationToken);

    public Task DetachRolePolicyAsync(string name, string policyArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DetachRolePolicy").Add("RoleName", name).Add("PolicyArn", policyArn), cancellationToken);

    /// <summary>Names of the role's inline policies, all pages.</summary>
    public Task<IReadOnlyList<string>> ListRolePolicyNamesAsync(string name, CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListRolePolicies").Add("RoleName", name), "PolicyNames",
            policyName => policyName.Value, cancellationToken);

    /// <summary>An inline policy on the role. The worker attaches managed policies; this exists for tests and cleanup.</summary>
    public Task PutRolePolicyAsync(string name, string policyName, string document,
        CancellationToken cancellationToken) =>
        Send(IamQuery.For("PutRolePolicy").Add("RoleName", name).Add("PolicyName", policyName)
            .Add("PolicyDocument", document), cancellationToken);

    public Task DeleteRolePolicyAsync(string name, string policyName, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteRolePolicy").Add("RoleName", name).Add("PolicyName", policyName), cancellationToken);

    private Task Send(IamQuery query, CancellationToken cancellationToken) =>
        transport.SendAsync(query, cancellationToken);
}
