namespace Provisioner.FaultProxy;

public sealed record CallCounts(long Requests, long Throttled)
{
    public CallCounts Since(CallCounts earlier) => new(Requests - earlier.Requests, Throttled - earlier.Throttled);
}
