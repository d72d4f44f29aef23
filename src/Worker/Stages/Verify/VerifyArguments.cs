using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Verify;

public sealed record VerifyArguments(Guid RequestId, string Environment, EnvironmentPlan Plan);
