using System.Text;

namespace Provisioner.Worker.Intake.Api;

/// <summary>The state names of the status document (<c>rolled-back</c>) and of the saga store (<c>RolledBack</c>).</summary>
public static class EnvironmentStates
{
    public static string ToStored(string documentState)
    {
        var stored = new StringBuilder();
        foreach (var word in documentState.Split('-', StringSplitOptions.RemoveEmptyEntries))
            stored.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        return stored.ToString();
    }
}
