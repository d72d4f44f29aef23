using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// Requests derived from the repository's example, so the tests exercise the document users start from; each test
/// names its own environment, so tests sharing one moto_server never meet.
/// </summary>
internal static class ExampleRequests
{
    /// <param name="requestId">null = no requestId field: the worker makes one up.</param>
    public static string Json(string environment, Guid? requestId, Action<JsonObject>? change = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(WorkerEndToEndFixture.ExampleRequestPath))!.AsObject();
        request["environment"] = environment;
        if (requestId is { } id) request["requestId"] = id.ToString();
        else request.Remove("requestId");
        change?.Invoke(request);
        return request.ToJsonString();
    }

    /// <summary>Writes the request to <paramref name="fileName"/> in <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, string fileName, string environment, Guid? requestId, Action<JsonObject>? change = null)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, Json(environment, requestId, change));
        return path;
    }
}
