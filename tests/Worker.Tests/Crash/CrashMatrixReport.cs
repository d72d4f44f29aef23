using System.Globalization;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>The matrix's figures, one line per shape and mode, in <c>TestResults/crash-matrix.tsv</c> for the script's summary.</summary>
public static class CrashMatrixReport
{
    private static readonly Lock Gate = new();

    public static string Path => RepositoryRoot.Combine("TestResults", "crash-matrix.tsv");

    public static void Add(CrashShape shape, CrashMode mode, int calls, int run, TimeSpan elapsed)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.AppendAllText(Path, string.Create(CultureInfo.InvariantCulture,
                $"{shape.Name}\t{mode}\t{calls}\t{calls * 2}\t{run}\t{elapsed.TotalSeconds:F0}\t{(CrashSample.Full ? "full" : CrashSample.Seed.ToString(CultureInfo.InvariantCulture))}\n"));
        }
    }
}
