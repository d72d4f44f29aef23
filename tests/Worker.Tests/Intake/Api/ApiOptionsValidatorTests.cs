using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class ApiOptionsValidatorTests
{
    private const string Digest = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";

    private static IReadOnlyList<string> Failures(ApiOptions options) =>
        new ApiOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static ApiOptions With(ApiClientOptions client, string name = "ci") =>
        new() { Clients = new(StringComparer.OrdinalIgnoreCase) { [name] = client } };

    [Fact]
    public void Validate_WellFormedClient_NoFailure()
    {
        Assert.Empty(Failures(With(new() { TokenSha256 = Digest, Tenant = "team-a", Scopes = "submit,read,deprovision,rotate,admin" })));
    }

    public static TheoryData<ApiClientOptions, string> BadClients => new()
    {
        { new() { Tenant = "team-a", Scopes = "read" }, "set exactly one of TokenSha256 and TokenFile" },
        { new() { TokenSha256 = Digest, TokenFile = "/x", Scopes = "read" }, "set exactly one of TokenSha256 and TokenFile" },
        { new() { TokenSha256 = "not-hex", Scopes = "read" }, "TokenSha256 must be 64 hex digits" },
        { new() { TokenSha256 = Digest[..63], Scopes = "read" }, "TokenSha256 must be 64 hex digits" },
        { new() { TokenFile = "/nonexistent/token", Scopes = "read" }, "TokenFile /nonexistent/token cannot be read" },
        { new() { TokenSha256 = Digest, Tenant = "Team_A", Scopes = "read" }, "Tenant must be lowercase" },
        { new() { TokenSha256 = Digest, Scopes = "" }, "Scopes must name at least one of" },
        { new() { TokenSha256 = Digest, Scopes = "read,superuser" }, "Scopes has 1 unknown scope(s)" },
    };

    [Theory]
    [MemberData(nameof(BadClients))]
    public void Validate_BadClient_FailureNamesTheClientAndKeyNeverTheDigest(ApiClientOptions client, string expected)
    {
        var failure = Assert.Single(Failures(With(client)));

        Assert.StartsWith("Api:Clients:ci", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Digest[..16], failure, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_TwoClientsOneToken_Refused()
    {
        var options = new ApiOptions
        {
            Clients = new(StringComparer.OrdinalIgnoreCase)
            {
                ["a"] = new() { TokenSha256 = Digest, Scopes = "read" },
                ["b"] = new() { TokenSha256 = Digest.ToUpperInvariant(), Scopes = "submit" },
            },
        };

        Assert.Contains("has the same token as Api:Clients:a", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://console.example.com", true)]
    [InlineData("http://localhost:3000, https://ops.example.com", true)]
    [InlineData("https://console.example.com/", true)]
    [InlineData("https://console.example.com/path", false)]
    [InlineData("console.example.com", false)]
    public void Validate_AllowedOrigins_OnlySchemeAndAuthority(string origins, bool valid)
    {
        Assert.Equal(valid, Failures(new ApiOptions { AllowedOrigins = origins }).Count == 0);
    }
}
