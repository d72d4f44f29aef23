using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Provisioner.Contracts;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Outlet;

/// <summary>Which published messages leave the process, and how each becomes a <see cref="CloudEvent"/>.</summary>
public static class OutletEvents
{
    public const string TypePrefix = "milvus.provisioner.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Structured mode: attributes and <c>data</c> (a JSON object, not a string) in one JSON document.</summary>
    private static readonly JsonEventFormatter Formatter = new();

    private static readonly HashSet<Type> Outcomes =
    [
        typeof(EnvironmentProvisioned), typeof(EnvironmentRolledBack), typeof(EnvironmentCompensationFailed),
        typeof(EnvironmentRequestRejected), typeof(EnvironmentDeprovisioned), typeof(EnvironmentDeprovisionFailed),
        typeof(AccessKeyRotated), typeof(AccessKeyRotationRefused),
    ];

    private static readonly HashSet<Type> Events =
    [
        .. Outcomes, typeof(EnvironmentRunStarted), typeof(StageCompleted), typeof(StageFailed), typeof(StageCompensated),
        typeof(StageCompensationFailed), typeof(AccessKeyCreated), typeof(AccessKeyDeactivated),
        typeof(EnvironmentDriftDetected), typeof(EnvironmentDriftRepaired),
    ];

    public static bool IsEvent(Type type) => Events.Contains(type);

    public static bool IsOutcome(Type type) => Outcomes.Contains(type);

    /// <remarks>
    /// The id is derived from the type and the data: sending the same event again (a retry, a re-published outcome)
    /// keeps its id, so consumers and FIFO queues can drop the copy.
    /// </remarks>
    public static OutletEvent Create(object message, string source, DateTimeOffset now)
    {
        var type = message.GetType();
        var data = JsonSerializer.SerializeToElement(message, type, Json);
        var name = TypePrefix + type.Name;
        var id = StableIds.From("event", $"{name}\n{data.GetRawText()}").ToString();
        var requestId = data.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String && r.TryGetGuid(out var g) ? g : Guid.Empty;
        var subject = data.TryGetProperty("environment", out var e) ? e.GetString() ?? "" : "";
        var envelope = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Type = name,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Id = id,
            Time = TimeOf(data) ?? now,
            Subject = subject,
            DataContentType = "application/json",
            Data = data,
        };
        return new OutletEvent(requestId, envelope, IsOutcome(type));
    }

    public static string Serialize(CloudEvent envelope) => Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(envelope, out _).Span);

    /// <summary>When the event happened, by its own clock: the field every event type carries under one of these names.</summary>
    private static DateTimeOffset? TimeOf(JsonElement data)
    {
        foreach (var name in (string[])["timestamp", "completedAt", "failedAt", "compensatedAt", "detectedAt", "repairedAt", "at"])
            if (data.TryGetProperty(name, out var value) && value.TryGetDateTimeOffset(out var time)) return time;
        return null;
    }
}
