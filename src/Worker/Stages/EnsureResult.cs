namespace Provisioner.Worker.Stages;

/// <summary>What ensuring a resource did (<c>created</c>, <c>updated</c>, <c>unchanged</c>) and which run created it.</summary>
public sealed record EnsureResult(string Action, Guid? CreatedBy);
