namespace Provisioner.Worker.Stages;

/// <summary>A stage's queues are named after the stage, so a queue on the broker says which stage it serves.</summary>
public static class StageQueues
{
    public static string ExecuteName(string stage) => $"{stage}_execute";

    public static string CompensateName(string stage) => $"{stage}_compensate";

    public static Uri Execute(string stage) => new($"queue:{ExecuteName(stage)}");
}
