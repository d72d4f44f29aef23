using System.Text.Json;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

internal sealed record ReceivedCallback(string Path, string Signature, string EventId, byte[] Body, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The event type without the <c>milvus.provisioner.</c> prefix.</summary>
    public string EventType => Json.GetProperty("event").GetProperty("type").GetString()!["milvus.provisioner.".Length..];
}
