using System.Text.Json.Serialization;
using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>What Courier said of the routing slip as a whole; the run's outcome waits for every stage event as well.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<SlipOutcome>))]
public enum SlipOutcome
{
    Completed,
    Faulted,
    CompensationFailed,
}
