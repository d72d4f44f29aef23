using System.Net;
using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class DeprovisionApiTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DeleteEnvironment_Existing_202AndDeprovisionPublished()
    {
        var environment = IntakeJson.Environment();
        await host.Http.ProvisionAsync(environment);

        using var response = await host.Http.SendAsync(HttpMethod.Delete, $"/environments/{environment}?deleteData=true");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/environments/{environment}", response.Headers.Location!.ToString());
        var command = await host.Published.WaitForAsync<DeprovisionEnvironment>();
        Assert.Equal((environment, true), (command.Environment, command.DeleteData));
        Assert.Equal(command.RequestId.ToString(), (await response.JsonAsync()).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task DeleteEnvironment_BodyWithRequestIdAndNoDeleteData_DataKept()
    {
        var (environment, requestId) = (IntakeJson.Environment(), Guid.NewGuid());
        await host.Http.ProvisionAsync(environment);

        using var response = await host.Http.SendAsync(HttpMethod.Delete, $"/environments/{environment}", $$"""{"requestId":"{{requestId}}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await host.Published.WaitForAsync<DeprovisionEnvironment>();
        Assert.Equal((requestId, false), (command.RequestId, command.DeleteData));
    }

    [Fact]
    public async Task DeleteEnvironment_NeverExisted_404AndNothingPublished()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Delete, "/environments/never-existed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(host.Published.Of<DeprovisionEnvironment>());
    }
}
