using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Tests.Intake.Ticketing;

public sealed class CallbackPolicyTests
{
    private static CallbackPolicy Policy(string allowed, bool privateNetworks = false) =>
        new(Options.Create(new TicketingOptions { AllowedCallbackHosts = allowed, AllowPrivateNetworks = privateNetworks }));

    private static IReadOnlyList<RequestProblem> Check(CallbackPolicy policy, string url) =>
        policy.Check(new TicketReference { System = "jira", Key = "OPS-1", CallbackUrl = url }).ToList();

    [Theory]
    [InlineData("hooks.example.com", "https://hooks.example.com/x", true)]
    [InlineData("hooks.example.com", "https://HOOKS.Example.com./x", true)]
    [InlineData("hooks.example.com", "https://evil-hooks.example.com/x", false)]
    [InlineData("hooks.example.com", "https://hooks.example.com.evil.test/x", false)]
    [InlineData("*.example.com", "https://a.b.example.com/x", true)]
    [InlineData("*.example.com", "https://example.com/x", false)]
    [InlineData("*.example.com", "https://badexample.com/x", false)]
    [InlineData("a.test, *.example.com", "https://jira.example.com:8443/x", true)]
    public void Check_Host_AllowedOnlyWhenListed(string allowed, string url, bool accepted)
    {
        Assert.Equal(accepted, Check(Policy(allowed), url).Count == 0);
    }

    [Fact]
    public void Check_NothingAllowed_EveryCallbackRefusedSayingCallbacksAreOff()
    {
        var problem = Assert.Single(Check(Policy(""), "https://hooks.example.com/x"));

        Assert.Equal(("ticket.callbackUrl", "callbacks are not enabled on this worker (Ticketing:AllowedCallbackHosts is empty)"),
            (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest")]
    [InlineData("https://[fd00:ec2::254]/latest")]
    [InlineData("https://[::ffff:127.0.0.1]/x")]
    [InlineData("https://10.0.0.1/x")]
    public void Check_InternalAddressListedByTheOperator_StillRefusedWithoutAllowPrivateNetworks(string url)
    {
        var host = new Uri(url).IdnHost.Trim('[', ']');

        Assert.Contains(Check(Policy(host), url), p => p.Message.Contains("internal address", StringComparison.Ordinal));
        Assert.Empty(Check(Policy(host, privateNetworks: true), url));
    }

    [Fact]
    public void Check_NoCallbackUrl_NoProblem()
    {
        Assert.Empty(Policy("").Check(new TicketReference { System = "jira", Key = "OPS-1" }));
        Assert.Empty(Policy("").Check(null));
    }

    [Theory]
    [InlineData("hooks.example.com", true)]
    [InlineData("*.example.com", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("*.com", false)]
    [InlineData("*", false)]
    [InlineData("hooks.example.com/path", false)]
    public void IsHostPattern_Entry_HostOrWildcardUnderADomain(string entry, bool valid)
    {
        Assert.Equal(valid, CallbackPolicy.IsHostPattern(entry));
    }
}
