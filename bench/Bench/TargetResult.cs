namespace Provisioner.Bench;

/// <summary>One target of issue 16: what was measured (null = its phase did not run), the goal, and whether it was met.</summary>
public sealed record TargetResult(string Name, string Description, double? Measured, string Comparison, double Goal, string Unit)
{
    public bool? Met => Measured is not { } m || double.IsNaN(m) ? null : Comparison == "<=" ? m <= Goal : m >= Goal;

    public static TargetResult Of(string name, string description, double measured, string comparison, double goal, string unit = "") =>
        new(name, description, double.IsNaN(measured) || double.IsInfinity(measured) ? null : measured, comparison, goal, unit);
}
