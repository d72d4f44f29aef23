namespace Provisioner.FaultProxy;

public sealed record FaultProxyOptions
{
    /// <summary>Where requests go: the emulator (moto_server).</summary>
    public required Uri Upstream { get; init; }

    /// <summary>The loopback port to listen on; 0 = a free one (read it from <see cref="FaultProxy.Endpoint"/>).</summary>
    public int Port { get; init; }

    public FaultProfile Profile { get; init; } = FaultProfile.None;
}
