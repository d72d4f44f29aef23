using System.Net;
using System.Text.Json;
using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class PlansApiTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task PostPlans_RequestWithoutAccount_200PlanWithPlaceholdersAndNothingPublished()
    {
        var environment = IntakeJson.Environment();
        var request = IntakeJson.Request(environment, change: j => j["aws"]!.AsObject().Remove("accountId"));

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/plans", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        Assert.Equal($"milvus-{environment}-s3-access", plan.GetProperty("role").GetProperty("name").GetString());
        Assert.Contains("<account-id>", plan.GetProperty("role").GetProperty("arn").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, plan.GetProperty("accessPolicy").GetProperty("document").ValueKind);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task PostPlans_InvalidRequest_400WithEveryProblem()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/plans", IntakeJson.Invalid(IntakeJson.Environment()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Count());
    }
}
