namespace Provisioner.Worker.Aws.Iam;

/// <summary>Users, their policies and access keys (access-key mode, and the admin of moto's enforcement tests).</summary>
public sealed class IamUsers
{
    private readonly IamTransport transport;

    internal IamUsers(IamTransport transport) => this.transport = transport;

    public async Task<IamUser?> GetUserAsync(string name, CancellationToken cancellationToken)
    {
        var result = await transport.SendOrNullAsync(IamQuery.For("GetUser").Add("UserName", name), cancellationToken)
            .ConfigureAwait(false);
        return result is null ? null : IamUser.FromXml(result.Child("User"));
    }

    public async Task<IamUser> CreateUserAsync(string name, string path, string? permissionsBoundaryArn,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var query = IamQuery.For("CreateUser")
            .Add("UserName", name)
            .Add("Path", path)
            .Add("PermissionsBoundary", permissionsBoundaryArn)
            .AddTags(tags);
        var result = await transport.SendAsync(query, cancellationToken).ConfigureAwait(false);
        return IamUser.FromXml(result.Child("User"));
    }

    public Task DeleteUserAsync(string name, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteUser").Add("UserName", name), cancellationToken);

    public Task AttachUserPolicyAsync(string name, string policyArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("AttachUserPolicy").Add("UserName", name).Add("PolicyArn", policyArn), cancellationToken);

    public Task DetachUserPolicyAsync(string name, string policyArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DetachUserPolicy").Add("UserName", name).Add("PolicyArn", policyArn), cancellationToken);

    public Task<IReadOnlyList<string>> ListAttachedUserPoliciesAsync(string name,
        CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListAttachedUserPolicies").Add("UserName", name), "AttachedPolicies",
            policy => policy.Required("PolicyArn"), cancellationToken);

    /// <summary>An inline policy on the user.</summary>
    public Task PutUserPolicyAsync(string name, string policyName, string document,
        CancellationToken cancellationToken) =>
        Send(IamQuery.For("PutUserPolicy").Add("UserName", name).Add("PolicyName", policyName)
            .Add("PolicyDocument", document), cancellationToken);

    public async Task<IamAccessKey> CreateAccessKeyAsync(string name, CancellationToken cancellationToken)
    {
        // Retried only when throttled: a retry after a lost answer would make a second key. The access-key stage deletes
        // keys no Secret holds before it makes one, so the stage's own retry is safe.
        var result = await transport.SendAsync(IamQuery.For("CreateAccessKey").Add("UserName", name), cancellationToken, idempotent: false)
            .ConfigureAwait(false);
        var key = result.Child("AccessKey");
        return new IamAccessKey(key.Required("AccessKeyId"), key.Required("SecretAccessKey"));
    }

    public Task<IReadOnlyList<IamAccessKeyMetadata>> ListAccessKeysAsync(string name,
        CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListAccessKeys").Add("UserName", name), "AccessKeyMetadata",
            IamAccessKeyMetadata.FromXml, cancellationToken);

    /// <summary><paramref name="status"/> is <c>Active</c> or <c>Inactive</c>.</summary>
    public Task UpdateAccessKeyAsync(string name, string accessKeyId, string status, CancellationToken cancellationToken) =>
        Send(IamQuery.For("UpdateAccessKey").Add("UserName", name).Add("AccessKeyId", accessKeyId).Add("Status", status),
            cancellationToken);

    public Task TagUserAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Send(IamQuery.For("TagUser").Add("UserName", name).AddTags(tags), cancellationToken);

    public Task PutUserPermissionsBoundaryAsync(string name, string boundaryArn, CancellationToken cancellationToken) =>
        Send(IamQuery.For("PutUserPermissionsBoundary").Add("UserName", name).Add("PermissionsBoundary", boundaryArn),
            cancellationToken);

    public Task DeleteUserPermissionsBoundaryAsync(string name, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteUserPermissionsBoundary").Add("UserName", name), cancellationToken);

    public Task<IReadOnlyList<string>> ListUserPolicyNamesAsync(string name, CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListUserPolicies").Add("UserName", name), "PolicyNames",
            policy => policy.Value, cancellationToken);

    /// <summary>An inline policy's document (JSON), or null when the user or the policy does not exist.</summary>
    public async Task<string?> GetUserPolicyDocumentAsync(string name, string policyName, CancellationToken cancellationToken)
    {
        var result = await transport.SendOrNullAsync(IamQuery.For("GetUserPolicy").Add("UserName", name).Add("PolicyName", policyName),
            cancellationToken).ConfigureAwait(false);
        return result is null ? null : IamXml.DecodeDocument(result.Required("PolicyDocument"));
    }

    public Task UntagUserAsync(string name, IEnumerable<string> tagKeys, CancellationToken cancellationToken) =>
        Send(IamQuery.For("UntagUser").Add("UserName", name).AddList("TagKeys", tagKeys), cancellationToken);

    public Task DeleteUserPolicyAsync(string name, string policyName, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteUserPolicy").Add("UserName", name).Add("PolicyName", policyName), cancellationToken);

    public Task DeleteAccessKeyAsync(string name, string accessKeyId, CancellationToken cancellationToken) =>
        Send(IamQuery.For("DeleteAccessKey").Add("UserName", name).Add("AccessKeyId", accessKeyId), cancellationToken);

    private Task Send(IamQuery query, CancellationToken cancellationToken) =>
        transport.SendAsync(query, cancellationToken);
}
