using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ProfileRegistrationTests
{
    [Fact]
    public void Problems_BuiltInDefault_None() => Assert.Empty(ProfileRegistration.Problems("default", new ProfileOptions()));

    [Theory]
    [InlineData("http://charts.example.com/", "must be an https:// repository")]
    [InlineData("charts", "must be an https:// repository")]
    public void Problems_ChartFromAnUnsafePlace_Refused(string repository, string message) =>
        Assert.Contains(ProfileRegistration.Problems("p", new ProfileOptions { Charts = [new ChartRule { Repository = repository, Name = "milvus" }] }),
            p => p.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void Problems_EveryMistake_Listed() =>
        Assert.Equal(6, ProfileRegistration.Problems("Bad_Name", new ProfileOptions
        {
            RolePath = "milvus",
            PermissionsBoundary = "AdministratorAccess",
            MinimumEncryption = "none",
            Charts = [new ChartRule { Repository = "https://charts.example.com/", Name = "milvus", Version = "~5" }],
            CrossAccountAccounts = ["12345"],
        }).Count());
}
