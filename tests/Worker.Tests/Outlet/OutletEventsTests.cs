using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;

namespace Provisioner.Worker.Tests.Outlet;

public sealed class OutletEventsTests
{
    private static readonly DateTimeOffset Started = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StageCompleted Completed(string stage = StageNames.Bucket) =>
        new(Guid.Parse("3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"), "tenant-a", stage, "created",
            new Dictionary<string, string> { ["name"] = "milvus-tenant-a" }, Started, Started.AddSeconds(2));

    [Fact]
    public void Create_StageCompleted_CloudEventsFieldsFromTheEvent()
    {
        var outgoing = OutletEvents.Create(Completed(), "urn:test", Now);

        var envelope = outgoing.Envelope;
        Assert.Equal(("1.0", "milvus.provisioner.StageCompleted", "urn:test", "tenant-a", "application/json"),
            (envelope.SpecVersion.VersionId, envelope.Type, envelope.Source?.ToString(), envelope.Subject, envelope.DataContentType));
        Assert.Equal(Started.AddSeconds(2), envelope.Time);
        Assert.Equal("bucket", Assert.IsType<JsonElement>(envelope.Data).GetProperty("stage").GetString());
        Assert.Equal(Completed().RequestId, outgoing.RequestId);
        Assert.False(outgoing.Final);
    }

    [Fact]
    public void Create_SameEventTwice_SameId()
    {
        Assert.Equal(OutletEvents.Create(Completed(), "urn:test", Now).Envelope.Id,
            OutletEvents.Create(Completed(), "urn:test", Now.AddHours(1)).Envelope.Id);
    }

    [Fact]
    public void Create_DifferentEvents_DifferentIds()
    {
        Assert.NotEqual(OutletEvents.Create(Completed(StageNames.Bucket), "urn:test", Now).Envelope.Id,
            OutletEvents.Create(Completed(StageNames.Role), "urn:test", Now).Envelope.Id);
    }

    [Fact]
    public void Create_DriftEvents_LeaveTheProcessAtTheirOwnTimeWithoutARequestId()
    {
        var finding = new DriftFinding(StageNames.Role, "milvus-tenant-a-s3-access", "changed", ["trust-policy: …"]);
        var detected = new EnvironmentDriftDetected("tenant-a", [finding], Started);
        var repaired = new EnvironmentDriftRepaired("tenant-a", null, [finding], Started.AddHours(1));

        var (outDetected, outRepaired) = (OutletEvents.Create(detected, "urn:test", Now), OutletEvents.Create(repaired, "urn:test", Now));

        Assert.True(OutletEvents.IsEvent(typeof(EnvironmentDriftDetected)) && OutletEvents.IsEvent(typeof(EnvironmentDriftRepaired)));
        Assert.Equal(("milvus.provisioner.EnvironmentDriftDetected", "tenant-a", Started), (outDetected.Envelope.Type, outDetected.Envelope.Subject, outDetected.Envelope.Time));
        Assert.Equal(("milvus.provisioner.EnvironmentDriftRepaired", Started.AddHours(1)), (outRepaired.Envelope.Type, outRepaired.Envelope.Time));
        Assert.Equal(Guid.Empty, outDetected.RequestId);
        Assert.False(outDetected.Final || outRepaired.Final);
        Assert.Equal("trust-policy: …", Assert.IsType<JsonElement>(outDetected.Envelope.Data).GetProperty("drift")[0].GetProperty("differences")[0].GetString());
    }

    [Fact]
    public void Create_Outcome_MarkedFinal()
    {
        var outcome = new EnvironmentRolledBack(Guid.NewGuid(), "tenant-a", "role", "refused", Started);

        Assert.True(OutletEvents.Create(outcome, "urn:test", Now).Final);
    }

    [Fact]
    public void Serialize_Envelope_LowerCaseAttributeNamesAndDataAsObject()
    {
        var json = JsonDocument.Parse(OutletEvents.Serialize(OutletEvents.Create(Completed(), "urn:test", Now).Envelope)).RootElement;

        // The CloudEvents SDK's order (specversion first) and its RFC 3339 time, in UTC with Z; the set of attributes is ours.
        Assert.Equal("specversion", json.EnumerateObject().First().Name);
        Assert.Equal(["data", "datacontenttype", "id", "source", "specversion", "subject", "time", "type"],
            json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Object, json.GetProperty("data").ValueKind);
        Assert.Equal("2025-06-01T12:00:02Z", json.GetProperty("time").GetString());
    }

    [Theory]
    [InlineData(typeof(ProvisionEnvironment), false)]
    [InlineData(typeof(GetEnvironmentStatus), false)]
    [InlineData(typeof(DeprovisionEnvironment), false)]
    [InlineData(typeof(EnvironmentRunStarted), true)]
    [InlineData(typeof(StageCompensationFailed), true)]
    [InlineData(typeof(EnvironmentDeprovisioned), true)]
    public void IsEvent_ContractType_OnlyStageAndOutcomeEvents(Type type, bool expected)
    {
        Assert.Equal(expected, OutletEvents.IsEvent(type));
    }
}
