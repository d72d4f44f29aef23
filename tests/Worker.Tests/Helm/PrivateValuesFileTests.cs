using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Helm;

public sealed class PrivateValuesFileTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("values-file-tests-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task WriteAsync_Values_OwnerOnlyFileWithTheContent()
    {
        await using var file = await PrivateValuesFile.WriteAsync(directory.FullName, """{"a":1}""", CancellationToken.None);

        Assert.Equal("""{"a":1}""", await File.ReadAllTextAsync(file.Path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
    }

    [Fact]
    public async Task DisposeAsync_AfterUse_FileRemoved()
    {
        var file = await PrivateValuesFile.WriteAsync(directory.FullName, "{}", CancellationToken.None);

        await file.DisposeAsync();

        Assert.False(File.Exists(file.Path));
        Assert.Empty(directory.GetFiles());
    }

    [Fact]
    public async Task WriteAsync_Cancelled_NothingLeftBehind()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PrivateValuesFile.WriteAsync(directory.FullName, "{}", cancelled.Token));

        Assert.Empty(directory.GetFiles());
    }
}
