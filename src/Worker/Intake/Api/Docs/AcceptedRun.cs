namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>The 202 answer to a request or a key rotation: the environment (<c>id</c>) and the request id that tracks it.</summary>
public sealed record AcceptedRun(string Id, Guid RequestId);
