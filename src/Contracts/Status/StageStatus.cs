using System.Text.Json.Serialization;

namespace Provisioner.Contracts;

/// <summary>Where one stage of a run is; written as <c>pending</c>, <c>completed</c>, …, <c>compensation-failed</c>.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StageStatus>))]
public enum StageStatus
{
    Pending,
    Completed,
    Failed,
    Compensated,
    CompensationFailed,

    /// <summary>Never reached: the run ended before it.</summary>
    Skipped,
}
