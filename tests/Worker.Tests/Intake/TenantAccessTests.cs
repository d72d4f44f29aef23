using Provisioner.Contracts;
using Provisioner.Worker.Intake;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Tests.Intake;

public sealed class TenantAccessTests : IAsyncLifetime
{
    private static readonly Caller TeamA = new("a", "team-a", false);
    private static readonly Caller TeamB = new("b", "team-b", false);
    private static readonly Caller Default = new("d", Caller.DefaultTenant, false);
    private static readonly Caller Admin = new("ops", "team-ops", true);

    private readonly string path = Path.Combine(Path.GetTempPath(), $"tenants-{Guid.NewGuid():N}.db");
    private SagaTable table = null!;
    private TenantAccess access = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteSagaDatabase($"Data Source={path}");
        await database.EnsureSchemaAsync(default);
        (table, access) = (new SagaTable(database), new TenantAccess(new SagaTable(database)));
        await StoredEnvironments.AddAsync(table, "env-a", "team-a");
        await StoredEnvironments.AddAsync(table, "env-b", "team-b");
        await StoredEnvironments.AddAsync(table, "env-legacy", null);
        await StoredEnvironments.AddRejectedAsync(table, "env-refused");
    }

    public Task DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }

    public static TheoryData<string, string, bool> Visibility => new()
    {
        { "team-a", "env-a", true },
        { "team-a", "env-b", false },
        { "team-b", "env-a", false },
        { "team-a", "env-legacy", false },
        { "default", "env-legacy", true },
        { "team-a", "env-refused", false },
        { "default", "env-refused", false },
        { "admin", "env-a", true },
        { "admin", "env-b", true },
        { "admin", "env-refused", true },
        { "team-a", "never-existed", false },
        { "team-a", "Env-A", false },
        { "team-a", "env-a\n", false },
    };

    private static Caller Of(string who) => who switch { "team-a" => TeamA, "team-b" => TeamB, "default" => Default, _ => Admin };

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task FindAsync_Caller_OnlyItsTenantsEnvironmentsOrEveryOneForAdmin(string who, string environment, bool found)
    {
        Assert.Equal(found, await access.FindAsync(environment, Of(who), default) is not null);
    }

    [Fact]
    public async Task ListAsync_TenantCaller_OnlyItsOwn()
    {
        Assert.Equal(["env-a"], (await access.ListAsync(null, TeamA, default)).Select(s => s.Environment));
        Assert.Equal(["env-legacy"], (await access.ListAsync(null, Default, default)).Select(s => s.Environment));
        Assert.Equal(4, (await access.ListAsync(null, Admin, default)).Count);
    }

    [Theory]
    [InlineData("team-b", "env-a", "the name 'env-a' is not available; choose another")]
    [InlineData("team-a", "env-legacy", "the name 'env-legacy' is not available; choose another")]
    [InlineData("team-a", "env-a", null)]
    [InlineData("team-a", "env-refused", null)]
    [InlineData("team-a", "brand-new", null)]
    [InlineData("admin", "env-a", null)]
    public async Task ProblemsAsync_OtherTenantsName_NotAvailable(string who, string environment, string? problem)
    {
        var request = new EnvironmentRequest { Environment = environment, Aws = new AwsSpec { Region = "us-east-2", AccountId = "123456789012" } };

        var problems = await access.ProblemsAsync(request, Of(who), default);

        Assert.Equal(problem, problems.SingleOrDefault()?.Message);
    }

    [Fact]
    public async Task ProblemsAsync_OwnEnvironmentWithAPinnedFieldChanged_PinnedProblem()
    {
        var request = new EnvironmentRequest
        {
            Environment = "env-a", Aws = new AwsSpec { Region = "us-east-2", AccountId = "123456789012" },
            Kubernetes = new KubernetesSpec { Namespace = "elsewhere" },
        };

        var problem = Assert.Single(await access.ProblemsAsync(request, TeamA, default));

        Assert.Equal("kubernetes.namespace", problem.Field);
        Assert.Contains("deprovision the environment and create it again", problem.Message, StringComparison.Ordinal);
    }
}
