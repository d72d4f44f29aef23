using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>What a worker that crashed mid-upgrade leaves behind: a release stuck in <c>pending-upgrade</c>.</summary>
internal static class StrandedUpgrade
{
    /// <summary>
    /// Starts the upgrade the worker would run, with pods that never become ready, and kills helm (no interrupt, so it
    /// cannot record a failure) while it waits; helm writes the pending revision before it applies anything.
    /// </summary>
    public static async Task LeaveAsync(MilvusReleasePlan plan, HelmOptions options, string tempDirectory)
    {
        await using var values = await PrivateValuesFile.WriteAsync(tempDirectory,
            OwnershipMarker.Apply(plan.Values, plan.Tags).ToJsonString(), CancellationToken.None);
        var args = HelmCommands.UpgradeInstall(4, plan, values.Path, options with { Timeout = TimeSpan.FromMinutes(5) });
        using var kill = new CancellationTokenSource(TimeSpan.FromSeconds(8));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CliWrap.Cli.Wrap(HelmBinaries.Require(4)).WithArguments(args)
            .WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync(kill.Token));
    }
}
