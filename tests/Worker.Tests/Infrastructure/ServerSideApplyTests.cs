using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

public sealed class ServerSideApplyTests
{
    [Fact]
    public void Apply_NothingThere_TheAppliedObject()
    {
        var applied = Json("""{"metadata":{"name":"a"},"data":{"k":"v"}}""");

        Assert.True(JsonNode.DeepEquals(applied, ServerSideApply.Apply(null, applied, null)));
    }

    [Fact]
    public void Apply_FieldDroppedSinceLastApply_RemovedWhileOtherManagersFieldsStay()
    {
        var before = Json("""{"metadata":{"name":"a","labels":{"x":"1","y":"1"}},"data":{"k":"v","old":"o"}}""");
        var current = Json("""{"metadata":{"name":"a","uid":"u","labels":{"x":"1","y":"1","theirs":"t"}},"data":{"k":"v","old":"o"}}""");
        var now = Json("""{"metadata":{"name":"a","labels":{"x":"2"}},"data":{"k":"w"}}""");

        var result = ServerSideApply.Apply(current, now, before);

        Assert.True(JsonNode.DeepEquals(Json("""{"metadata":{"name":"a","uid":"u","labels":{"x":"2","theirs":"t"}},"data":{"k":"w"}}"""), result),
            result.ToJsonString());
    }

    [Fact]
    public void ManagedFieldsEntry_AppliedFields_AsFieldsV1()
    {
        var entry = ServerSideApply.ManagedFieldsEntry("helm", "v1", Json("""{"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"}}"""));

        Assert.Equal(("helm", "Apply", """{"f:data":{"f:k":{}}}"""),
            (entry["manager"]!.GetValue<string>(), entry["operation"]!.GetValue<string>(), entry["fieldsV1"]!.ToJsonString()));
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
