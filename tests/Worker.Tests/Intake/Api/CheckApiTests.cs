using System.Net;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary><c>POST /environments/{e}/check</c> (issue 17): the applied request against what exists, observe-only.</summary>
public sealed class CheckApiTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<string> ProvisionedAsync()
    {
        var environment = IntakeJson.Environment();
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(environment));
        return environment;
    }

    private static bool Mutating(string call) =>
        call.StartsWith("create", StringComparison.Ordinal) || call.StartsWith("update", StringComparison.Ordinal)
        || call.StartsWith("delete", StringComparison.Ordinal) || call.StartsWith("restore", StringComparison.Ordinal);

    [Fact]
    public async Task Check_NothingChanged_InSyncWithoutAMutatingCall()
    {
        var environment = await ProvisionedAsync();
        var before = host.Calls.Calls.Count;

        using var response = await host.Http.SendAsync(HttpMethod.Post, $"/environments/{environment}/check", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.True(report.GetProperty("inSync").GetBoolean(), report.ToString());
        Assert.DoesNotContain(host.Calls.Calls.Skip(before), Mutating);
    }

    [Fact]
    public async Task Check_RoleDeletedAndPolicyTagsRemovedByHand_MissingAndForeignReportedAndNothingTouched()
    {
        var environment = await ProvisionedAsync();
        host.Role.DeleteAllByHand();
        host.AccessPolicy.StripTagsByHand();
        var before = host.Calls.Calls.Count;

        using var response = await host.Http.SendAsync(HttpMethod.Post, $"/environments/{environment}/check", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var drift = (await response.JsonAsync()).GetProperty("drift").EnumerateArray()
            .Select(d => $"{d.GetProperty("stage").GetString()} {d.GetProperty("kind").GetString()}").ToList();
        Assert.Equal(["access-policy foreign", "role missing"], drift);
        Assert.DoesNotContain(host.Calls.Calls.Skip(before), Mutating);
    }

    [Fact]
    public async Task Check_RunUnderWay_409()
    {
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = IntakeJson.Environment();
        using var submitted = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment, Guid.NewGuid()));
        await Infrastructure.Eventually.TrueAsync(() => host.Role.HeldCreates == 1, "the role stage in progress");

        using var response = await host.Http.SendAsync(HttpMethod.Post, $"/environments/{environment}/check", "{}");
        hold.SetResult();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Check_Unknown_404()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, $"/environments/{IntakeJson.Environment()}/check", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
