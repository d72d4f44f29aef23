namespace Provisioner.Worker.Runs;

/// <summary>
/// The routing-slip variables a run uses: the saga's id (how Courier's events find their way back), and how a stage
/// without a log (verify, a removal) and a compensation report what they did.
/// </summary>
public static class SlipVariables
{
    public const string SagaId = "ProvisioningSagaId";
    public const string StageAction = "StageAction";
    public const string StageOutputs = "StageOutputs";
    public const string CompensationAction = "CompensationAction";
    public const string CompensationDetail = "CompensationDetail";

    public static Dictionary<string, object> StageResult(string action, IReadOnlyDictionary<string, string> outputs) => new()
    {
        [StageAction] = action,
        [StageOutputs] = outputs,
    };

    public static Dictionary<string, object> CompensationResult(string action, string? detail)
    {
        var variables = new Dictionary<string, object> { [CompensationAction] = action };
        if (detail is not null) variables[CompensationDetail] = detail;
        return variables;
    }
}
