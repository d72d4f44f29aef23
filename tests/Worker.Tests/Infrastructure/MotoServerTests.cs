namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Each test starts a server of its own: a reset must not wipe what other tests created.</summary>
public sealed class MotoServerTests
{
    [Fact]
    public async Task ResetAsync_AfterCreatingAUser_UserIsGone()
    {
        var moto = new MotoServer();
        await moto.InitializeAsync();
        try
        {
            using var iam = moto.CreateIamClient();
            await iam.Users.CreateUserAsync("before-reset", "/", null, new Dictionary<string, string>(), default);

            await moto.ResetAsync();

            Assert.Null(await iam.Users.GetUserAsync("before-reset", default));
        }
        finally
        {
            await moto.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposeAsync_Started_ServerStopsAnswering()
    {
        var moto = new MotoServer();
        await moto.InitializeAsync();
        var endpoint = moto.Endpoint;

        await moto.DisposeAsync();

        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint, "/moto-api/")));
    }
}
