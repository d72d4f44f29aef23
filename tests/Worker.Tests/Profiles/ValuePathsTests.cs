using System.Text.Json;
using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Profiles;

public sealed class ValuePathsTests
{
    private static string[] Refused(string values, params string[] patterns) =>
        [.. ValuePaths.Refused(JsonSerializer.Deserialize<JsonElement>(values), patterns)];

    [Theory]
    [InlineData("""{"log":{"level":"debug"}}""", "log.level")]
    [InlineData("""{"queryNode":{"replicas":3,"resources":{"limits":{"cpu":"2"}}}}""", "*.replicas", "*.resources")]
    [InlineData("""{"etcd":{"persistence":{"size":"10Gi"}}}""", "etcd")]
    [InlineData("""{"a":{"b":{"c":1}}}""", "**")]
    [InlineData("""{"queryNode":{"image":{"tag":"v2"}}}""", "queryNode.image")]
    [InlineData("""{"serviceAccount":{"name":"x"}}""", "serviceAccount.name")]
    [InlineData("""{}""")]
    public void Refused_AllowedPaths_None(string values, params string[] patterns) => Assert.Empty(Refused(values, patterns));

    [Theory]
    [InlineData("""{"queryNode":{"image":{"tag":"v2"}}}""", "queryNode.image.tag", "*.*.tag")]
    [InlineData("""{"queryNode":{"securityContext":{"privileged":true}}}""", "queryNode.securityContext.privileged", "queryNode")]
    [InlineData("""{"serviceAccount":{"name":"x"}}""", "serviceAccount.name", "**")]
    [InlineData("""{"proxy":{"hostNetwork":true}}""", "proxy.hostNetwork", "*.**")]
    [InlineData("""{"proxy":{"volumes":[]}}""", "proxy.volumes", "proxy")]
    [InlineData("""{"log":{"level":"debug","file":{"rootPath":"/"}}}""", "log.file.rootPath", "log.level")]
    public void Refused_PathsOutsideOrSensitiveBehindAWildcard_Listed(string values, string refused, string pattern) =>
        Assert.Equal([refused], Refused(values, pattern));

    [Fact]
    public void Refused_EmptyObjectAndArray_AreLeaves() =>
        Assert.Equal(["a", "b"], Refused("""{"a":{},"b":[1]}""", "c"));
}
