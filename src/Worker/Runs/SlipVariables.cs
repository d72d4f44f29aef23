namespace Provisioner.Worker.Runs;

/// <summary>
/// The routing-slip variables a run uses: the saga's id (how Courier's events find their way back), and what a stage
/// without a log (verify, a removal, a prune) did.
/// </summary>
public static class SlipVariables
{
    public const string SagaId = "ProvisioningSagaId";
    public const string StageAction = "StageAction";
    public const string StageOutputs = "StageOutputs";

    public static Dictionary<string, object> StageResult(string action, IReadOnlyDictionary<string, string> outputs) => new()
    {
        [StageAction] = action,
        [StageOutputs] = outputs,
    };
}
