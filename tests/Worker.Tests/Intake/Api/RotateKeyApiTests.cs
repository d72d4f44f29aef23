using System.Net;
using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class RotateKeyApiTests
{
    private const string Token = "a-long-random-api-token-for-tests";

    [Fact]
    public async Task RotateKey_ExistingEnvironment_202WithTheRequestIdAndTheCommandPublished()
    {
        await using var host = await ApiTestHost.StartAsync();
        var environment = IntakeJson.Environment();
        await host.Http.ProvisionAsync(environment);

        using var response = await host.Http.SendAsync(HttpMethod.Post, $"/environments/{environment}/rotate-key");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/environments/{environment}", response.Headers.Location!.ToString());
        var command = await host.Published.WaitForAsync<RotateAccessKey>();
        Assert.Equal(environment, command.Environment);
        Assert.Equal(command.RequestId.ToString(), (await response.JsonAsync()).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task RotateKey_NeverExisted_404AndNothingPublished()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments/tenant-a/rotate-key");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(host.Published.Of<RotateAccessKey>());
    }

    [Fact]
    public async Task RotateKey_WithoutTheToken_401AndNothingPublished()
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Api:Token"] = Token, ["Api:AllowAnonymousLoopback"] = "false" });

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments/tenant-a/rotate-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Published.Of<RotateAccessKey>());
    }
}
