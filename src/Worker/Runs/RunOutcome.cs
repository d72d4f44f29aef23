using System.Text.Json.Serialization;
using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>How a run ended; each outcome has its state (and its event) of the same name.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RunOutcome>))]
public enum RunOutcome
{
    Provisioned,
    RolledBack,
    CompensationFailed,
    Deprovisioned,
    DeprovisionFailed,
}
