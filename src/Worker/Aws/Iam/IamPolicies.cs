namespace Provisioner.Worker.Aws.Iam;

/// <summary>Customer-managed policies, their versions and tags. Documents go in and come out as JSON text.</summary>
public sealed class IamPolicies
{
    private readonly IamTransport transport;

    internal IamPolicies(IamTransport transport) => this.transport = transport;

    public async Task<IamPolicy?> GetPolicyAsync(string arn, CancellationToken cancellationToken)
    {
        var result = await transport.SendOrNullAsync(IamQuery.For("GetPolicy").Add("PolicyArn", arn), cancellationToken)
            .ConfigureAwait(false);
        return result is null ? null : IamPolicy.FromXml(result.Child("Policy"));
    }

    public async Task<IamPolicy> CreatePolicyAsync(string name, string path, string document, string? description,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var query = IamQuery.For("CreatePolicy")
            .Add("PolicyName", name)
            .Add("Path", path)
            .Add("PolicyDocument", document)
            .Add("Description", description)
            .AddTags(tags);
        var result = await transport.SendAsync(query, cancellationToken).ConfigureAwait(false);
        return IamPolicy.FromXml(result.Child("Policy"));
    }

    public Task DeletePolicyAsync(string arn, CancellationToken cancellationToken) =>
        transport.SendAsync(IamQuery.For("DeletePolicy").Add("PolicyArn", arn), cancellationToken);

    /// <summary>The version's document as JSON, or null when the policy or the version does not exist.</summary>
    public async Task<string?> GetPolicyVersionDocumentAsync(string arn, string versionId,
        CancellationToken cancellationToken)
    {
        var query = IamQuery.For("GetPolicyVersion").Add("PolicyArn", arn).Add("VersionId", versionId);
        var result = await transport.SendOrNullAsync(query, cancellationToken).ConfigureAwait(false);
        return result is null ? null : IamXml.DecodeDocument(result.Child("PolicyVersion").Required("Document"));
    }

    public Task<IReadOnlyList<IamPolicyVersion>> ListPolicyVersionsAsync(string arn,
        CancellationToken cancellationToken) =>
        transport.ListAllAsync(IamQuery.For("ListPolicyVersions").Add("PolicyArn", arn), "Versions",
            IamPolicyVersion.FromXml, cancellationToken);

    /// <summary>Returns the new version id. IAM keeps at most five versions: delete an old one first.</summary>
    public async Task<string> CreatePolicyVersionAsync(string arn, string document, bool setAsDefault,
        CancellationToken cancellationToken)
    {
        var query = IamQuery.For("CreatePolicyVersion")
            .Add("PolicyArn", arn)
            .Add("PolicyDocument", document)
            .Add("SetAsDefault", setAsDefault);
        var result = await transport.SendAsync(query, cancellationToken).ConfigureAwait(false);
        return result.Child("PolicyVersion").Required("VersionId");
    }

    public Task SetDefaultPolicyVersionAsync(string arn, string versionId, CancellationToken cancellationToken) =>
        transport.SendAsync(
            IamQuery.For("SetDefaultPolicyVersion").Add("PolicyArn", arn).Add("VersionId", versionId), cancellationToken);

    /// <summary>The roles, users and groups the policy is attached to (all pages): what must let go of it before it can be deleted.</summary>
    public async Task<IamPolicyEntities> ListEntitiesForPolicyAsync(string arn, CancellationToken cancellationToken)
    {
        var query = IamQuery.For("ListEntitiesForPolicy").Add("PolicyArn", arn);
        var roles = await transport.ListAllAsync(query, "PolicyRoles", r => r.Required("RoleName"), cancellationToken).ConfigureAwait(false);
        var users = await transport.ListAllAsync(query, "PolicyUsers", u => u.Required("UserName"), cancellationToken).ConfigureAwait(false);
        var groups = await transport.ListAllAsync(query, "PolicyGroups", g => g.Required("GroupName"), cancellationToken).ConfigureAwait(false);
        return new IamPolicyEntities(roles, users, groups);
    }

    public Task DetachGroupPolicyAsync(string group, string arn, CancellationToken cancellationToken) =>
        transport.SendAsync(IamQuery.For("DetachGroupPolicy").Add("GroupName", group).Add("PolicyArn", arn), cancellationToken);

    public Task DeletePolicyVersionAsync(string arn, string versionId, CancellationToken cancellationToken) =>
        transport.SendAsync(
            IamQuery.For("DeletePolicyVersion").Add("PolicyArn", arn).Add("VersionId", versionId), cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> ListPolicyTagsAsync(string arn,
        CancellationToken cancellationToken)
    {
        var tags = await transport.ListAllAsync(IamQuery.For("ListPolicyTags").Add("PolicyArn", arn), "Tags",
            tag => KeyValuePair.Create(tag.Required("Key"), tag.Text("Value") ?? ""), cancellationToken)
            .ConfigureAwait(false);
        return tags.ToDictionary(StringComparer.Ordinal);
    }

    public Task TagPolicyAsync(string arn, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken) =>
        transport.SendAsync(IamQuery.For("TagPolicy").Add("PolicyArn", arn).AddTags(tags), cancellationToken);

    public Task UntagPolicyAsync(string arn, IEnumerable<string> tagKeys, CancellationToken cancellationToken) =>
        transport.SendAsync(IamQuery.For("UntagPolicy").Add("PolicyArn", arn).AddList("TagKeys", tagKeys),
            cancellationToken);
}
