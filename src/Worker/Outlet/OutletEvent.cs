namespace Provisioner.Worker.Outlet;

/// <summary>One published event on its way out: the envelope, and what routing it needs (request, end of the run).</summary>
public sealed record OutletEvent(Guid RequestId, CloudEvent Envelope, bool Final);
