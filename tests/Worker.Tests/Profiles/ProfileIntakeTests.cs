using System.Net;
using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Profiles;

/// <summary>
/// Profiles at the HTTP way in: a request outside its profile is refused with the field and the rule, and nothing is
/// published, planned or called; <c>POST /plans</c> shows the profile and what it forced.
/// </summary>
public sealed class ProfileIntakeTests : IAsyncLifetime
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/milvus-boundary";

    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync(new Dictionary<string, string?>
    {
        // "strict" is the built-in default as it ships (nothing but its grant configured); "forced" adds a path and a boundary.
        ["Profiles:strict:Tenants:0"] = "*",
        ["Profiles:forced:Tenants:0"] = "*",
        ["Profiles:forced:RolePath"] = "/milvus/",
        ["Profiles:forced:PermissionsBoundary"] = Boundary,
        ["Worker:Namespace"] = RefusedByProfile.WorkerNamespace,
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static string Json(EnvironmentRequest request) => JsonSerializer.Serialize(request with { Ticket = null }, RequestReader.Options);

    [Fact]
    public async Task PostEnvironments_EachRequestOutsideTheProfile_400OnItsFieldAndNoCallAtAll()
    {
        foreach (var (row, (field, message, change)) in RefusedByProfile.Rows)
        {
            var request = change(TestRequests.Valid()) with { Environment = IntakeJson.Environment(), Profile = "strict", RequestId = Guid.NewGuid() };

            using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", Json(request));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{row}: {response.StatusCode}");
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{row}: {errors}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        }
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
        Assert.Empty(host.Calls.Calls);
    }

    [Fact]
    public async Task PostEnvironments_ProfileNotConfigured_400OnProfile()
    {
        var request = TestRequests.Valid() with { Environment = IntakeJson.Environment(), Profile = "platinum" };

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("profile", out _));
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task PostPlans_ProfileForcingPathAndBoundary_PlanShowsTheProfileWhatItForcedAndTheForcedRole()
    {
        var request = TestRequests.Valid() with { Environment = IntakeJson.Environment(), Profile = "forced" };

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/plans", Json(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        var profile = plan.GetProperty("profile");
        Assert.Equal("forced", profile.GetProperty("name").GetString());
        Assert.Equal(Boundary, profile.GetProperty("forced").GetProperty("access.permissionsBoundary").GetString());
        Assert.Equal("/milvus/", profile.GetProperty("forced").GetProperty("access.rolePath").GetString());
        Assert.Equal(Boundary, plan.GetProperty("role").GetProperty("permissionsBoundary").GetString());
        Assert.Equal("/milvus/", plan.GetProperty("role").GetProperty("path").GetString());
    }
}
