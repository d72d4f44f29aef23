using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The stand-in's strategic merge patch against what kube-apiserver does with the same patch (cases from its docs).</summary>
public sealed class StrategicMergePatchTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "containers merge by name", """{"c":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}""",
            """{"c":{"containers":[{"name":"b","image":"2"}]}}""", """{"c":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}""" },
        { "$patch delete removes the item", """{"volumes":[{"name":"a"},{"name":"b"}]}""",
            """{"volumes":[{"name":"a","$patch":"delete"}]}""", """{"volumes":[{"name":"b"}]}""" },
        { "$setElementOrder orders the list", """{"env":[{"name":"a","value":"1"},{"name":"b","value":"2"}]}""",
            """{"$setElementOrder/env":[{"name":"b"},{"name":"a"}],"env":[{"name":"a","value":"3"}]}""", """{"env":[{"name":"b","value":"2"},{"name":"a","value":"3"}]}""" },
        { "null deletes a field", """{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"a":null}}}""", """{"metadata":{"labels":{"b":"2"}}}""" },
        { "$retainKeys keeps only those", """{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}""",
            """{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}""", """{"strategy":{"type":"Recreate"}}""" },
        { "a list without merge key is replaced", """{"args":["a","b"]}""", """{"args":["c"]}""", """{"args":["c"]}""" },
        { "finalizers merge as a set", """{"finalizers":["a"]}""", """{"finalizers":["a","b"]}""", """{"finalizers":["a","b"]}""" },
        { "$patch replace replaces the map", """{"data":{"a":"1","b":"2"}}""", """{"data":{"$patch":"replace","c":"3"}}""", """{"data":{"c":"3"}}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_Patch_AsTheApiServerDoes(string why, string current, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(current), JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"{why}: {result?.ToJsonString()}");
    }
}
