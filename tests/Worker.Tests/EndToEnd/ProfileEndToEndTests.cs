using System.Text.Json.Nodes;
using Amazon.Runtime;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// A profile's forced permissions boundary, end to end: the built program against a moto_server of its own, one IRSA run
/// and one access-key run, then every role and user moto holds is read back. A reconcile that leaves the boundary out
/// keeps it; one that names a wider boundary is refused before any call.
/// </summary>
public sealed class ProfileEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IAsyncLifetime
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/milvus-boundary";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly ScratchDirectory scratch = new();
    private KubernetesStandIn cluster = null!;
    private AccessKeyRun run = null!;

    public async Task InitializeAsync()
    {
        cluster = await KubernetesStandIn.StartAsync();
        // The boundary exists and allows what the scoped policy does: with enforcement on, the key's probe is really judged.
        using (var iam = fixture.Moto.CreateIamClient())
            await iam.Policies.CreatePolicyAsync("milvus-boundary", "/",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", null,
                new Dictionary<string, string>(), default);
        var (key, secret) = await fixture.Moto.EnableAuthAsync();
        run = new AccessKeyRun(fixture, cluster, scratch, new BasicAWSCredentials(key, secret));
        run.ExtraVariables["Profiles__default__PermissionsBoundary"] = Boundary;
        // The tests' profile lets a request choose any boundary; this one vouches for none but the forced one.
        run.ExtraVariables["Profiles__default__AllowedBoundaries__0"] = Boundary;
    }

    public async Task DisposeAsync()
    {
        run.Dispose();
        await fixture.Moto.DisableAuthAsync();
        await cluster.DisposeAsync();
        scratch.Dispose();
    }

    private Task<WorkerResult> ApplyIrsaAsync(string file, Action<JsonObject>? change = null) =>
        WorkerProcess.RunAsync(scratch.Path, run.Variables(), RunTimeout,
            ["apply", ExampleRequests.Write(scratch.Path, file, "e2e-bound", Guid.NewGuid(), change), "--output", "json"]);

    [Fact]
    public async Task Apply_ProfileForcingABoundary_EveryRoleAndUserMotoHoldsCarriesItAndNoRequestRemovesIt()
    {
        var irsa = await ApplyIrsaAsync("first.json");
        Assert.True(irsa.ExitCode == 0, irsa.ToString());
        var accessKey = await run.ApplyAsync("e2e-bound-key");
        Assert.True(accessKey.ExitCode == 0, run.Redacted(accessKey.ToString()));

        var widened = await ApplyIrsaAsync("widened.json", r => r["access"]!["permissionsBoundary"] = "arn:aws:iam::aws:policy/AdministratorAccess");
        var leftOut = await ApplyIrsaAsync("left-out.json", r => r["access"]!["permissionsBoundary"] = null);

        Assert.True(widened.ExitCode == 2, widened.ToString());
        Assert.Contains("access.permissionsBoundary", widened.StandardError + widened.StandardOutput, StringComparison.Ordinal);
        Assert.True(leftOut.ExitCode == 0, leftOut.ToString());
        await fixture.Moto.DisableAuthAsync();
        using var iam = fixture.Moto.CreateIamClient();
        var roles = await iam.Transport.ListAllAsync(IamQuery.For("ListRoles"), "Roles", r => r.Required("RoleName"), default);
        Assert.Equal(["milvus-e2e-bound-s3-access"], roles);
        foreach (var role in roles) Assert.Equal(Boundary, (await iam.Roles.GetRoleAsync(role, default))!.PermissionsBoundaryArn);
        // moto 5.2.1 drops a user's boundary (CreateUser ignores it; GetUser returns none), so the user's is read from the plan.
        var users = (await iam.Transport.ListAllAsync(IamQuery.For("ListUsers"), "Users", u => u.Required("UserName"), default))
            .Where(u => !u.StartsWith("moto-admin-", StringComparison.Ordinal)).ToList(); // the enforcement's own admin
        Assert.Equal(["milvus-e2e-bound-key-s3-access"], users);
        var plan = await WorkerProcess.RunAsync(scratch.Path, run.Variables(), RunTimeout,
            ["plan", ExampleRequests.Write(scratch.Path, "key-plan.json", "e2e-bound-key", null, r =>
            {
                r["access"]!["mode"] = "access-key";
                r["kubernetes"]!["manage"] = true;
            })]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Equal(Boundary, JsonNode.Parse(plan.StandardOutput)!["user"]!["permissionsBoundary"]!.GetValue<string>());
    }
}
