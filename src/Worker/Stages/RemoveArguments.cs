namespace Provisioner.Worker.Stages;

/// <summary>One stage of deprovisioning: remove what is ours; <paramref name="DeleteData"/> only matters to the bucket.</summary>
public sealed record RemoveArguments<TPlan>(Guid RequestId, string Environment, TPlan Plan, bool DeleteData)
    where TPlan : class;
