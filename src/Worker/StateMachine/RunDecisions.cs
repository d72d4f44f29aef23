namespace Provisioner.Worker.StateMachine;

public static class RunDecisions
{
    public const string Started = "started";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string PlanFailed = "plan-failed";
}
