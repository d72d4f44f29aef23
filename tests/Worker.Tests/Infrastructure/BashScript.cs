namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A small executable bash script a test puts where a real program would be (a fake helm, a post-renderer).</summary>
internal static class BashScript
{
    public static async Task<string> WriteAsync(string path, string body)
    {
        await File.WriteAllTextAsync(path, "#!/bin/bash\n" + body);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
