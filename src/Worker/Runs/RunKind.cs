using System.Text.Json.Serialization;
using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

[JsonConverter(typeof(KebabCaseEnumConverter<RunKind>))]
public enum RunKind
{
    /// <summary>A first provisioning or a reconcile.</summary>
    Provision,
    Deprovision,
}
