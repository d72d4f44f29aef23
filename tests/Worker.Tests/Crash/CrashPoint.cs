using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>Where a worker is made to die: right before or right after its <paramref name="Number"/>th mutating call.</summary>
public sealed partial record CrashPoint(int Number, bool After, string Call)
{
    public string Knob => After ? "Testing__CrashAfterMutation" : "Testing__CrashBeforeMutation";

    /// <summary>What the dying worker prints (<see cref="MutationSeam"/>).</summary>
    public string Line => $"TESTING crash {(After ? "after" : "before")} #{Number}: ";

    public string Suffix => $"{Number}{(After ? 'a' : 'b')}";

    public override string ToString() => $"{(After ? "after" : "before")} #{Number} {Call}";

    /// <summary>The mutating calls a worker printed (<c>Testing:RecordMutations</c>), in order.</summary>
    public static IReadOnlyList<string> CallsIn(IEnumerable<string> output) => output
        .Select(l => Recorded().Match(l)).Where(m => m.Success)
        .OrderBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Select(m => m.Groups[2].Value).ToList();

    [GeneratedRegex(@"TESTING mutation #(\d+): (.*)$")]
    private static partial Regex Recorded();
}
