using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>
/// The last request that was applied successfully, with the facts observed for it: what status, deprovisioning, key
/// rotation, drift detection and identity pinning go by. A failed attempt never changes it.
/// </summary>
public sealed record AppliedRequest(Guid RunId, Guid RequestId, EnvironmentRequest Request, string AccountId, string OidcIssuer,
    DateTimeOffset AppliedAt);
