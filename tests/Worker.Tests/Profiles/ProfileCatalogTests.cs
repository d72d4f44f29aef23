using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ProfileCatalogTests
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/milvus-boundary";
    private const string Narrower = "arn:aws:iam::123456789012:policy/milvus-boundary-read-only";

    private static readonly Caller TenantA = new("ci-a", "a", Admin: false);
    private static readonly Caller TenantB = new("ci-b", "b", Admin: false);

    private static ProfileCatalog Catalog(ProfilesOptions? profiles = null) => new(Options.Create(profiles ?? new ProfilesOptions
    {
        ["gold"] = new() { Tenants = ["a"], RolePath = "/milvus/", PermissionsBoundary = Boundary, AllowedBoundaries = [Narrower] },
        ["silver"] = new(),
    }), Options.Create(new WorkerOptions { Namespace = RefusedByProfile.WorkerNamespace }));

    private static EnvironmentRequest Gold(string? boundary = null) =>
        TestRequests.Valid() with { Profile = "gold", Access = new AccessSpec { PermissionsBoundary = boundary } };

    [Fact]
    public void Problems_ProfileGrantedToTheTenant_None() => Assert.Empty(Catalog().Problems(Gold(), TenantA));

    [Fact]
    public void Problems_ProfileGrantedToAnotherTenant_ProblemOnProfileAsForAnUnknownOne()
    {
        var granted = Assert.Single(Catalog().Problems(Gold(), TenantB));
        var unknown = Assert.Single(Catalog().Problems(Gold() with { Profile = "platinum" }, TenantB));

        Assert.Equal(("profile", "'gold' is not a profile tenant 'b' may use"), (granted.Field, granted.Message));
        Assert.Equal(unknown.Message.Replace("platinum", "gold", StringComparison.Ordinal), granted.Message);
    }

    [Fact]
    public void Problems_ProfileWithoutTenants_GrantedToNobodyButAdmins()
    {
        Assert.Equal("profile", Assert.Single(Catalog().Problems(TestRequests.Valid() with { Profile = "silver" }, TenantA)).Field);
        Assert.Empty(Catalog().Problems(TestRequests.Valid() with { Profile = "silver" }, Caller.Operator));
    }

    [Fact]
    public void Problems_DefaultNotConfigured_EveryTenantGetsTheSafeDefault()
    {
        var catalog = Catalog(new ProfilesOptions());

        Assert.Empty(catalog.Problems(TestRequests.Valid(), TenantB));
        Assert.Equal("kubernetes.namespace", Assert.Single(catalog.Problems(
            TestRequests.Valid() with { Kubernetes = TestRequests.Valid().Kubernetes with { Namespace = RefusedByProfile.WorkerNamespace } }, TenantB)).Field);
    }

    [Fact]
    public void Apply_RequestWithoutPathOrBoundary_TakesTheForcedOnesAndSaysSo()
    {
        var (request, profile) = Catalog().Apply(Gold(), TenantA);

        Assert.Equal(("/milvus/", Boundary), (request.Access.RolePath, request.Access.PermissionsBoundary));
        Assert.Equal("gold", profile.Name);
        Assert.Equal(new Dictionary<string, string> { ["access.rolePath"] = "/milvus/", ["access.permissionsBoundary"] = Boundary }, profile.Forced);
    }

    [Fact]
    public void Apply_RequestChoosingANarrowerBoundary_KeepsItAndForcesNothingElse()
    {
        var (request, profile) = Catalog().Apply(Gold(Narrower), TenantA);

        Assert.Equal(Narrower, request.Access.PermissionsBoundary);
        Assert.False(profile.Forced.ContainsKey("access.permissionsBoundary"));
    }

    [Fact]
    public void Apply_ReconcileThatLeavesTheBoundaryOut_StillHasTheForcedOne()
    {
        var catalog = Catalog();
        var first = catalog.Apply(Gold(Boundary), TenantA).Request;

        var reconcile = catalog.Apply(first with { Access = first.Access with { PermissionsBoundary = null } }, TenantA).Request;

        Assert.Equal(Boundary, reconcile.Access.PermissionsBoundary);
    }
}
