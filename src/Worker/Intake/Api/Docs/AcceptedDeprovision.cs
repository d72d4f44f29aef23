namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>The 202 answer to <c>DELETE /environments/{id}</c>.</summary>
public sealed record AcceptedDeprovision(string Id, Guid RequestId, bool DeleteData);
