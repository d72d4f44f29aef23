using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Watch streams: every change the store makes is offered to each open watch of that kind whose namespace and
/// selectors match, as the API server's <c>ADDED</c> / <c>MODIFIED</c> / <c>DELETED</c> events. Recent events are kept,
/// as the API server's watch cache keeps them, so a watch that starts from a list's resourceVersion misses nothing.
/// </summary>
public sealed class StandInWatches
{
    private const int HistoryLength = 5000;
    private readonly List<Subscription> open = [];
    private readonly LinkedList<(long ResourceVersion, string Type, string EventType, JsonObject Item)> history = new();

    public sealed record Subscription(StandInResourceType Type, string Namespace, StandInSelector Labels, StandInSelector Fields, Channel<JsonObject> Events)
    {
        public bool Matches(JsonObject item) =>
            (Namespace.Length == 0 || item["metadata"]?["namespace"]?.GetValue<string>() == Namespace) && Labels.MatchesLabels(item) && Fields.MatchesFields(item);
    }

    /// <summary>Called by the store under its lock; <paramref name="since"/> replays the kept events after that resourceVersion.</summary>
    public Subscription Open(StandInResourceType type, string ns, StandInSelector labels, StandInSelector fields, long? since)
    {
        var subscription = new Subscription(type, ns, labels, fields, Channel.CreateUnbounded<JsonObject>());
        lock (open)
        {
            if (since is { } from)
                foreach (var (rv, key, eventType, item) in history)
                    if (rv > from && key == type.Key && subscription.Matches(item)) subscription.Events.Writer.TryWrite(Event(eventType, item));
            open.Add(subscription);
        }
        return subscription;
    }

    public void Close(Subscription subscription)
    {
        lock (open) open.Remove(subscription);
        subscription.Events.Writer.TryComplete();
    }

    /// <summary>Called by the store, under its lock, so every watcher sees changes in resourceVersion order.</summary>
    public void Publish(StandInResourceType type, string eventType, JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        lock (open)
        {
            history.AddLast((long.Parse(copy["metadata"]!["resourceVersion"]!.GetValue<string>()), type.Key, eventType, copy));
            if (history.Count > HistoryLength) history.RemoveFirst();
            foreach (var target in open.Where(s => s.Type.Key == type.Key && s.Matches(copy))) target.Events.Writer.TryWrite(Event(eventType, copy));
        }
    }

    public static JsonObject Event(string eventType, JsonObject item) => new() { ["type"] = eventType, ["object"] = item.DeepClone() };
}
