namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>
/// One grant: <paramref name="Statement"/> is our bucket-policy statement (JSON); <paramref name="IdentityPolicy"/> is
/// the policy the other account must attach to <paramref name="Principal"/>, since cross-account access needs both sides.
/// </summary>
public sealed record BucketPolicyGrant(string Sid, string Principal, string Permissions, string Statement, string IdentityPolicy);
