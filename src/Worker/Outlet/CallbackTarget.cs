namespace Provisioner.Worker.Outlet;

/// <summary>Where a ticket callback goes, fixed when its event is written to the outbox.</summary>
public sealed record CallbackTarget(string Url, string System, string Key, bool Final);
