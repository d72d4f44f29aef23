using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>What a worker that crashed mid-upgrade leaves behind: a release stuck in <c>pending-upgrade</c>.</summary>
internal static class StrandedUpgrade
{
    /// <summary>
    /// Starts the upgrade the worker would run, with pods that never become ready, and kills helm (no interrupt, so it
    /// cannot record a failure) while it waits, <paramref name="killAfter"/> in; helm writes the pending revision before
    /// it applies anything.
    /// </summary>
    public static async Task LeaveAsync(MilvusReleasePlan plan, int major, HelmOptions options, string tempDirectory, TimeSpan killAfter)
    {
        await using var values = await PrivateValuesFile.WriteAsync(tempDirectory,
            OwnershipMarker.Apply(plan.Values, plan.Tags).ToJsonString(), CancellationToken.None);
        var args = HelmCommands.UpgradeInstall(major, plan, values.Path, options with { Timeout = TimeSpan.FromMinutes(5) });
        using var kill = new CancellationTokenSource(killAfter);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CliWrap.Cli.Wrap(options.Binary).WithArguments(args)
            .WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync(kill.Token));
    }
}
