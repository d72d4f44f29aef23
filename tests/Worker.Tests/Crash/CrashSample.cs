using System.Globalization;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// Which crash points a run covers: all of them with <c>CRASH_MATRIX=full</c> (<c>./crash-matrix.sh</c>), else a sample
/// of <see cref="PerShape"/> points per shape and mode that rotates with the day (or <c>CRASH_MATRIX_SEED</c>), so the
/// regular suite walks the whole matrix over time and a failure names its seed.
/// </summary>
public static class CrashSample
{
    public const int PerShape = 1;

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("CRASH_MATRIX"), "full", StringComparison.OrdinalIgnoreCase);

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("CRASH_MATRIX_SEED"), CultureInfo.InvariantCulture, out var seed)
        ? seed
        : DateTime.UtcNow.DayOfYear + (DateTime.UtcNow.Year * 1000);

    /// <summary><c>CRASH_MATRIX_FROM=N</c> skips the points before call N: to go on from a failure once it is fixed.</summary>
    public static int From { get; } = int.TryParse(Environment.GetEnvironmentVariable("CRASH_MATRIX_FROM"), CultureInfo.InvariantCulture, out var from) ? from : 1;

    /// <summary>In a sample, each shape runs in one mode, alternating with the seed: the suite stays inside its budget.</summary>
    public static bool Covers(CrashShape shape, CrashMode mode) =>
        Full || (int)((uint)(Seed + StableHash(shape.Name)) % 2) == (int)mode;

    public static IReadOnlyList<CrashPoint> Choose(IReadOnlyList<string> calls, CrashShape shape, CrashMode mode)
    {
        var all = calls.SelectMany((call, i) => new[] { new CrashPoint(i + 1, false, call), new CrashPoint(i + 1, true, call) })
            .Where(p => p.Number >= From).ToList();
        if (Full || all.Count <= PerShape) return all;
        var start = (int)((uint)(Seed + StableHash($"{shape.Name}/{mode}")) % (uint)all.Count);
        return Enumerable.Range(0, PerShape).Select(i => all[(start + (i * all.Count / PerShape)) % all.Count]).ToList();
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
