namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A fresh temporary folder, the worker's working directory for one test; removed afterwards.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("provisioner-e2e-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child that outlived its test still holds a file: the test has failed on that already.
        }
    }
}
