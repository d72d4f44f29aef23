using System.Collections.Concurrent;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// Which ticket a request belongs to. Requests published in this process are remembered as they go out; any other
/// (a run resumed after a restart, a request taken by another replica) is looked up once in the saga store.
/// </summary>
public sealed class TicketDirectory(SagaTable? sagas = null)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, TicketReference?> known = new();

    public void Remember(Guid requestId, TicketReference ticket)
    {
        Trim();
        known[requestId] = ticket;
    }

    public async ValueTask<TicketReference?> FindAsync(Guid requestId, string environment, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(requestId, out var ticket)) return ticket;
        if (sagas is null || environment.Length == 0) return null;
        var saga = await sagas.LoadAsync(ResourceNames.CorrelationId(environment), cancellationToken);
        ticket = saga?.Run.RequestId == requestId ? saga.Request?.Ticket : null;
        Trim();
        known.TryAdd(requestId, ticket); // a request remembered meanwhile keeps its ticket
        return ticket;
    }

    /// <summary>Bounded by forgetting everything at once: what is still needed is found again in the saga store.</summary>
    private void Trim()
    {
        if (known.Count >= MaxEntries) known.Clear();
    }
}
