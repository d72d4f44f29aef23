using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>Verification reads the whole plan. With <paramref name="AbandonReason"/> set it only fails the stalled run.</summary>
public sealed record VerifyArguments(Guid RunId, string Environment, EnvironmentPlan Plan, string? AbandonReason = null);
