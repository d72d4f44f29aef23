using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Status objects shaped and worded as kube-apiserver writes them.</summary>
public static class KubernetesStatus
{
    public static StandInResult NotFound(string resource, string name) =>
        Failure(404, "NotFound", $"{resource} \"{name}\" not found", Details(resource, name));

    public static StandInResult PathNotFound() => Failure(404, "NotFound", "the server could not find the requested resource", null);

    public static StandInResult AlreadyExists(string resource, string name) =>
        Failure(409, "AlreadyExists", $"{resource} \"{name}\" already exists", Details(resource, name));

    public static StandInResult Conflict(string resource, string name) => Failure(409, "Conflict",
        $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
        Details(resource, name));

    public static StandInResult Invalid(string kind, string resource, string name, IReadOnlyList<(string Field, string Message)> causes)
    {
        var details = Details(resource, name);
        details["kind"] = resource;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid", ["message"] = c.Message, ["field"] = c.Field,
        }).ToArray());
        var summary = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        var shown = causes.Count == 1 ? summary : $"[{summary}]";
        return Failure(422, "Invalid", $"{kind} \"{name}\" is invalid: {shown}", details);
    }

    /// <summary>What a DELETE answers when the object is gone at once.</summary>
    public static JsonObject Deleted(StandInResourceType type, string name, string uid) => new()
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = uid },
    };

    public static StandInResult Internal(string message) => Failure(500, "InternalError", "Internal error occurred: " + message, null);

    public static StandInResult ServiceUnavailable(string message) => Failure(503, "ServiceUnavailable", message, null);

    public static StandInResult BadRequest(string message) => Failure(400, "BadRequest", message, null);

    public static StandInResult Unauthorized() => Failure(401, "Unauthorized", "Unauthorized", null);

    public static StandInResult MethodNotAllowed() =>
        Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);

    public static StandInResult UnsupportedMediaType(string contentType, string accepted = "application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml") =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted} (got {contentType})", null);

    /// <summary>What an overloaded or failing API server answers (injected by tests).</summary>
    public static StandInResult Injected(int statusCode) => statusCode switch
    {
        429 => Failure(429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = 1 }),
        503 => Failure(503, "ServiceUnavailable", "the server is currently unable to handle the request", null),
        504 => Failure(504, "Timeout", "the server was unable to return a response in the time allotted", null),
        _ => Failure(statusCode, "InternalError", "Internal error occurred: injected by the test", null),
    };

    private static JsonObject Details(string resource, string name) => new() { ["name"] = name, ["kind"] = resource };

    private static StandInResult Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = "Failure", ["message"] = message, ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return new StandInResult(code, status);
    }
}
