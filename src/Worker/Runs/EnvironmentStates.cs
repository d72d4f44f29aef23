using System.Text.Json;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>The state names of the status document (<c>rolled-back</c>) and of the saga store (<c>RolledBack</c>).</summary>
public static class EnvironmentStates
{
    /// <summary>A deprovisioning run, stored as <c>Running</c> like a provisioning one.</summary>
    public const string Deprovisioning = "deprovisioning";

    /// <summary>Provisioned, but a drift check found resources that differ from the applied request (stored as <c>Provisioned</c>).</summary>
    public const string Drifted = "drifted";

    /// <summary>Any step of a key rotation.</summary>
    public const string Rotating = "rotating";

    public static string ToDocument(string storedState) => JsonNamingPolicy.KebabCaseLower.ConvertName(storedState);

    /// <summary>The stored states to query by for a document state.</summary>
    public static IReadOnlyList<string> ToStored(string documentState)
    {
        if (string.Equals(documentState, Deprovisioning, StringComparison.OrdinalIgnoreCase)) return [nameof(ProvisioningStateMachine.Running)];
        if (string.Equals(documentState, Drifted, StringComparison.OrdinalIgnoreCase)) return [nameof(ProvisioningStateMachine.Provisioned)];
        if (string.Equals(documentState, Rotating, StringComparison.OrdinalIgnoreCase)) return ProvisioningStateMachine.RotationStates;
        return [string.Concat(documentState.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]))];
    }

    /// <summary>Whether the saga's status document shows <paramref name="documentState"/> (running and deprovisioning share a stored state, as provisioned and drifted do).</summary>
    public static bool IsIn(ProvisioningState saga, string documentState) =>
        string.Equals(StatusDocument.StateName(saga), documentState, StringComparison.OrdinalIgnoreCase);
}
