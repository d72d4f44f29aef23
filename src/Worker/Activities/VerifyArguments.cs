using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Activities;

public sealed record VerifyArguments(Guid RequestId, string Environment, EnvironmentPlan Plan);
