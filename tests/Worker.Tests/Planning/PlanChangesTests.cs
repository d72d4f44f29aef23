using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Planning;

public sealed class PlanChangesTests
{
    private static readonly EnvironmentPlan Applied = TestRequests.Plan(TestRequests.Valid());

    private static IReadOnlyList<PlanChange> Against(EnvironmentRequest next) =>
        PlanChanges.Compare(Applied, Planner.Plan(next, Guid.NewGuid(), TestRequests.Facts()));

    [Fact]
    public void Compare_SameRequestInANewRun_EveryStageUnchanged() =>
        Assert.All(Against(TestRequests.Valid()), c => Assert.Equal((PlanChange.Unchanged, ""), (c.Change, string.Join(",", c.Fields))));

    [Fact]
    public void Compare_VersioningTurnedOn_BucketUpdatedNamingTheField()
    {
        var change = Against(TestRequests.Valid() with { Bucket = TestRequests.Valid().Bucket with { Versioning = true } }).Single(c => c.Stage == StageNames.Bucket);

        Assert.Equal((PlanChange.Updated, "versioning"), (change.Change, string.Join(",", change.Fields)));
    }

    [Fact]
    public void Compare_ReadOnly_PolicyDocumentAndPermissionsUpdated() =>
        Assert.Equal(["document", "permissions"],
            Against(TestRequests.Valid() with { Access = new AccessSpec { Permissions = "read-only" } }).Single(c => c.Stage == StageNames.AccessPolicy).Fields);

    [Fact]
    public void Compare_BucketRenamed_NewCreatedAndOldRemovedAfterTheRun()
    {
        var changes = Against(TestRequests.Valid() with { Bucket = TestRequests.Valid().Bucket with { Name = "milvus-tenant-a-renamed" } })
            .Where(c => c.Stage == StageNames.Bucket).ToList();

        Assert.Equal([("milvus-tenant-a-renamed", PlanChange.Created), (TestRequests.DerivedBucket, PlanChange.Removed)],
            changes.Select(c => (c.Resource, c.Change)));
    }

    [Fact]
    public void Compare_GrantsAdded_BucketPolicyCreated() =>
        Assert.Equal(PlanChange.Created, Against(TestRequests.Valid() with
        {
            CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:role/analytics" }],
        }).Single(c => c.Stage == StageNames.BucketPolicy).Change);

    [Fact]
    public void Compare_MilvusSectionLeftOut_ReleaseLeftAsItIs()
    {
        var change = Against(TestRequests.Valid() with { Milvus = null }).Single(c => c.Stage == StageNames.MilvusRelease);

        Assert.Equal((PlanChange.Unchanged, "not in this request: left as it is"), (change.Change, change.Note));
    }
}
