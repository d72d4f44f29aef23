using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

public static class JsonAssert
{
    /// <summary>Same JSON value, whatever the whitespace and property order.</summary>
    public static void Equivalent(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)),
            $"JSON differs.\nExpected: {expected}\nActual:   {actual}");
    }
}
