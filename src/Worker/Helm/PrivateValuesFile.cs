namespace Provisioner.Worker.Helm;

/// <summary>
/// The values document on disk for exactly as long as helm needs it: created readable by this user only (0600, from
/// the first byte), removed on dispose whatever happened in between.
/// </summary>
public sealed class PrivateValuesFile : IAsyncDisposable
{
    private PrivateValuesFile(string path) => Path = path;

    public string Path { get; }

    public static async Task<PrivateValuesFile> WriteAsync(string directory, string content, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(directory, $"helm-values-{Guid.NewGuid():N}.json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new PrivateValuesFile(path);
        try
        {
            await using var stream = new FileStream(path, options);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(content.AsMemory(), ct);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return file;
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
