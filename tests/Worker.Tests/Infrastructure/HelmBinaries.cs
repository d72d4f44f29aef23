namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The real helm binaries: <c>HELM4_BINARY</c> / <c>HELM3_BINARY</c>, else what test.sh put under <c>.tools/</c>.
/// Missing ones skip their tests on a workstation, but never under <c>CI=true</c>: there the tests run and fail, so
/// a broken install cannot pass as a green build.
/// </summary>
internal static class HelmBinaries
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(int major)
    {
        var configured = Environment.GetEnvironmentVariable($"HELM{major}_BINARY");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        var tools = RepositoryRoot.Combine(".tools", $"helm{major}", "helm");
        return File.Exists(tools) ? tools : null;
    }

    public static string Require(int major) => Find(major) ?? throw new InvalidOperationException(
        $"Helm {major} not found: set HELM{major}_BINARY or run ./test.sh, which installs it under .tools/helm{major}/");

    /// <summary>Null when the test must run: the binary is there, or CI demands it.</summary>
    public static string? SkipReason(int major) =>
        Find(major) is not null || InCi ? null : $"Helm {major} not found (set HELM{major}_BINARY or run ./test.sh)";
}
