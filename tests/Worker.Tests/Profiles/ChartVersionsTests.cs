using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ChartVersionsTests
{
    [Theory]
    [InlineData("5.0.19", ">=5.0.0 <6.0.0", true)]
    [InlineData("v5.0.19", ">=5.0.0 <6.0.0", true)]
    [InlineData("6.0.0", ">=5.0.0 <6.0.0", false)]
    [InlineData("4.9", ">=5.0.0 <6.0.0", false)]
    [InlineData("5.0.19", "5.0.19", true)]
    [InlineData("5.0.19", "=5.0.18", false)]
    [InlineData("5.0.19", ">5.0.19", false)]
    [InlineData("5.0.19", "<=5.0.19", true)]
    [InlineData("5.1.0-rc1", "<6.0.0", false)]
    [InlineData("latest", ">=1", false)]
    public void Satisfies_VersionAndConstraint_AllComparisonsHold(string version, string constraint, bool satisfied) =>
        Assert.Equal(satisfied, ChartVersions.Satisfies(version, constraint));

    [Theory]
    [InlineData(">=5.0.0 <6.0.0", true)]
    [InlineData("5", true)]
    [InlineData("~5.0", false)]
    [InlineData("", false)]
    [InlineData(">>>5", false)]
    public void IsConstraint_Text_OnlyComparisonsOfVersions(string constraint, bool valid) =>
        Assert.Equal(valid, ChartVersions.IsConstraint(constraint));
}
