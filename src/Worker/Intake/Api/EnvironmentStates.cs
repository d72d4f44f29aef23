using System.Text;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Intake.Api;

/// <summary>The state names of the status document (<c>rolled-back</c>) and of the saga store (<c>RolledBack</c>).</summary>
public static class EnvironmentStates
{
    public const string Deprovisioning = "deprovisioning";

    /// <summary>The stored state to query by. A deprovisioning run is stored as <c>Running</c>, like a provisioning one.</summary>
    public static string ToStored(string documentState)
    {
        if (string.Equals(documentState, Deprovisioning, StringComparison.OrdinalIgnoreCase)) return "Running";
        var stored = new StringBuilder();
        foreach (var word in documentState.Split('-', StringSplitOptions.RemoveEmptyEntries))
            stored.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        return stored.ToString();
    }

    /// <summary>Whether the saga's status document shows <paramref name="documentState"/> (running and deprovisioning share a stored state).</summary>
    public static bool IsIn(ProvisioningState saga, string documentState) =>
        string.Equals(StatusDocument.StateName(saga), documentState, StringComparison.OrdinalIgnoreCase);
}
