using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Intake;

/// <summary>Request bodies as callers send them: plain JSON, valid unless a test changes it.</summary>
internal static class IntakeJson
{
    public static string Request(string environment, Guid? requestId = null, Action<JsonObject>? change = null)
    {
        var json = new JsonObject
        {
            ["environment"] = environment,
            ["aws"] = new JsonObject { ["region"] = "us-east-2", ["accountId"] = "123456789012" },
            ["kubernetes"] = new JsonObject { ["manage"] = false, ["oidcIssuer"] = "https://oidc.example.test/id/ABC" },
        };
        if (requestId is { } id) json["requestId"] = id.ToString();
        change?.Invoke(json);
        return json.ToJsonString();
    }

    /// <summary>Two problems at once: a bad region and a bad bucket name.</summary>
    public static string Invalid(string environment) => Request(environment, change: j =>
    {
        j["aws"]!["region"] = "nowhere";
        j["bucket"] = new JsonObject { ["name"] = "Bad_Name" };
    });

    public static string Environment() => $"env-{Guid.NewGuid():N}"[..16];
}
