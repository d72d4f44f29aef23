namespace Provisioner.Bench;

/// <summary>Names of the spans an environment's time is split into (stage spans use the stage names).</summary>
public static class Segment
{
    public const string Intake = "submit → run started";
    public const string FactsPlanSlip = "facts (STS) + plan + slip";
    public const string HandOffs = "stage hand-offs";
    public const string Finish = "last stage → outcome";
    public const string Observe = "outcome → seen by client";

    public const string ParseValidate = "parse + validate";
    public const string Facts = "facts (STS)";
    public const string Plan = "plan";
}
