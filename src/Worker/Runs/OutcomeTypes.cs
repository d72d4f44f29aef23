using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>The outcome events a stored request record can hold, by the name it is stored under.</summary>
public static class OutcomeTypes
{
    private static readonly Dictionary<string, Type> ByName = new Type[]
    {
        typeof(EnvironmentProvisioned), typeof(EnvironmentRolledBack), typeof(EnvironmentCompensationFailed),
        typeof(EnvironmentDeprovisioned), typeof(EnvironmentDeprovisionFailed),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);
}
