namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the first directory above the test binaries that holds Worker.sln.</summary>
internal static class RepositoryRoot
{
    public static readonly string Path = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Worker.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Worker.sln above {AppContext.BaseDirectory}");
    }
}
