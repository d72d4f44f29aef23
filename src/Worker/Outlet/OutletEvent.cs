namespace Provisioner.Worker.Outlet;

/// <summary>One published event on its way out: the CloudEvents 1.0 envelope (the SDK's), and what routing it needs (request, end of the run).</summary>
public sealed record OutletEvent(Guid RequestId, CloudNative.CloudEvents.CloudEvent Envelope, bool Final);
