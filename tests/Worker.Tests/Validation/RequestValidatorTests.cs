using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

public sealed class RequestValidatorTests
{
    [Fact]
    public void Validate_ValidRequest_NoProblems() =>
        Assert.Empty(RequestValidator.Validate(TestRequests.Valid(), TestRequests.Now));

    [Theory]
    [MemberData(nameof(AcceptedRequests.Names), MemberType = typeof(AcceptedRequests))]
    public void Validate_AcceptedVariant_NoProblems(string variant)
    {
        var problems = RequestValidator.Validate(AcceptedRequests.Rows[variant](TestRequests.Valid()), TestRequests.Now);

        Assert.True(problems.Count == 0, $"{variant}: {string.Join("; ", problems)}");
    }

    [Theory]
    [MemberData(nameof(BadRequests.Names), MemberType = typeof(BadRequests))]
    public void Validate_BadInput_ReportsProblemAtItsField(string input)
    {
        var row = BadRequests.Rows[input];

        var problems = RequestValidator.Validate(row.Change(TestRequests.Valid()), TestRequests.Now);

        Assert.True(problems.Any(p => p.Field == row.Field && p.Message.Contains(row.Message, StringComparison.Ordinal)),
            $"{input}: expected '{row.Field}: …{row.Message}…' in [{string.Join("; ", problems)}]");
        string[] allowed = [row.Field, .. row.AlsoFlagged];
        Assert.All(problems, p => Assert.Contains(p.Field, allowed));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var valid = TestRequests.Valid();
        var request = valid with
        {
            Aws = valid.Aws with { Region = "us-east" },
            Bucket = valid.Bucket with { Encryption = "AES256" },
            Access = valid.Access with { Mode = "pod-identity" },
            Kubernetes = valid.Kubernetes with { Namespace = "Milvus" },
            Ticket = valid.Ticket! with { Key = "" },
            CrossAccount = [new CrossAccountGrant { Principal = "*" }],
        };

        var problems = RequestValidator.Validate(request, TestRequests.Now);

        Assert.Equal(6, problems.Count);
        Assert.Equal(
            ["access.mode", "aws.region", "bucket.encryption", "crossAccount[0].principal", "kubernetes.namespace", "ticket.key"],
            problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_DerivedNamesFromBadEnvironment_ReportsBothEnvironmentAndBucket()
    {
        var request = TestRequests.Valid() with { Environment = "Tenant_A" };

        var fields = RequestValidator.Validate(request, TestRequests.Now).Select(p => p.Field).Distinct();

        Assert.Equal(["environment", "bucket.name"], fields);
    }
}
