using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Watch streams as client-go's informers use them: from a list's resourceVersion, or watch-list with initial events.</summary>
public sealed class StandInWatchStreamTests : IAsyncLifetime
{
    private const string Ns = "watched";
    private readonly HttpClient http = new();
    private KubernetesStandIn standIn = null!;

    public async Task InitializeAsync()
    {
        standIn = await KubernetesStandIn.StartAsync();
        http.BaseAddress = standIn.Url;
        standIn.Seed("namespaces", "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } });
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task Watch_FromAListsResourceVersion_StreamsEveryLaterChangeInOrder()
    {
        var version = standIn.Store.List("configmaps", Ns).Body["metadata"]!["resourceVersion"]!.GetValue<string>();
        standIn.Seed("configmaps", Ns, ConfigMap("a", "1"));
        standIn.Store.Patch("configmaps", Ns, "a", new JsonObject { ["data"] = new JsonObject { ["k"] = "2" } });
        standIn.Store.Delete("configmaps", Ns, "a");

        var events = await WatchAsync($"resourceVersion={version}");

        Assert.Equal([("ADDED", "1"), ("MODIFIED", "2"), ("DELETED", "2")],
            events.Select(e => (e["type"]!.GetValue<string>(), e["object"]!["data"]!["k"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Watch_SendInitialEvents_CurrentObjectsThenTheEndBookmark()
    {
        standIn.Seed("configmaps", Ns, ConfigMap("a", "1"));

        var events = await WatchAsync("sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");

        Assert.Equal(["ADDED", "ADDED", "BOOKMARK"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal("true", events[^1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    /// <summary>Every event until the stand-in ends the watch (timeoutSeconds=1).</summary>
    private async Task<List<JsonObject>> WatchAsync(string query)
    {
        using var response = await http.GetAsync($"/api/v1/namespaces/{Ns}/configmaps?watch=true&timeoutSeconds=1&{query}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonObject>();
        while (await reader.ReadLineAsync() is { } line)
            if (line.Length > 0) events.Add(JsonNode.Parse(line)!.AsObject());
        return events;
    }

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = new JsonObject { ["k"] = value },
    };
}
