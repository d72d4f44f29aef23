using Provisioner.Contracts;

namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>The answer to <c>GET /environments</c>: the caller's tenant's environments, ordered by name.</summary>
public sealed record EnvironmentList(IReadOnlyList<EnvironmentStatus> Environments);
