using System.Net;
using System.Net.Sockets;

namespace Provisioner.Worker.Tests.Infrastructure;

public static class FreeTcpPort
{
    /// <summary>A loopback port the OS just handed out. Another process may take it before we bind: callers retry.</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
