namespace Provisioner.Contracts;

/// <summary>A rotation step: the new key exists and its Secret holds it. Key ids only, never a secret.</summary>
public sealed record AccessKeyCreated(Guid RequestId, string Environment, string UserName, string AccessKeyId, DateTimeOffset At);
