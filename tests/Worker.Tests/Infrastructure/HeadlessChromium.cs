using System.Diagnostics;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c> (test.sh installs it; <c>CHROMIUM_BINARY</c> overrides) run headless on one page: its DOM
/// after the page ran, or a screenshot. Each call has a profile of its own, deleted afterwards; no sandbox, as root in a
/// container has none to give.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static string Binary { get; } = Environment.GetEnvironmentVariable("CHROMIUM_BINARY") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("chromium is not installed (test.sh installs Debian's 'chromium'; or set CHROMIUM_BINARY)");

    /// <summary>The page's DOM once loaded, and what the browser logged (CSP violations among it).</summary>
    public static Task<(string Dom, string Log)> DumpDomAsync(Uri page) => RunAsync("--dump-dom", page.ToString());

    public static async Task<string> ScreenshotAsync(Uri page, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var (_, log) = await RunAsync($"--screenshot={file}", "--window-size=1200,900", "--hide-scrollbars", page.ToString());
        return log;
    }

    private static async Task<(string Output, string Log)> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Binary)
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}",
            }.Concat(arguments)) start.ArgumentList.Add(argument);
            start.Environment["HOME"] = profile;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Deadline.TotalSeconds} s: {await log}");
            }
            return (await output, await log);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
