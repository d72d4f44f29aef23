using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ (Debian's 3.10) on free loopback ports, everything under a temp dir: the node, its epmd, its data.
/// The server script runs directly under setsid (the /usr/sbin wrapper would switch users and lose the temp dirs), so
/// stopping it is one signal to its process group, then the epmd on its own port. Tests take a virtual host each.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    public const string User = "provisioner";
    private const int VirtualHosts = 32;
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    private readonly string root = Path.Combine(Path.GetTempPath(), $"rabbitmq-{Guid.NewGuid():N}");
    private readonly OutputTail output = new();
    private Process? process;
    private int port;
    private int epmdPort;
    private int nextVirtualHost;

    /// <summary>A password that must never show up in a worker's output.</summary>
    public string Password { get; } = $"rmq-{Guid.NewGuid():N}";

    /// <summary>An amqp:// URL with credentials for a virtual host no other test uses.</summary>
    public string NewVirtualHostUrl()
    {
        var index = Interlocked.Increment(ref nextVirtualHost);
        if (index > VirtualHosts) throw new InvalidOperationException($"only {VirtualHosts} virtual hosts are defined");
        return $"amqp://{User}:{Password}@127.0.0.1:{port}/vh{index}";
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(root);
        (port, epmdPort) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        WriteConfiguration();
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("/usr/lib/rabbitmq/bin/rabbitmq-server");
        foreach (var (key, value) in ServerEnvironment(FreeTcpPort.Next())) start.Environment[key] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        output.Attach(process);
        await WaitUntilGroupLeaderAsync(process);
        var deadline = DateTime.UtcNow + StartupDeadline;
        while (!await AcceptsAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await DisposeAsync();
                throw new InvalidOperationException($"rabbitmq-server did not listen on {port} within {StartupDeadline}:\n{output}");
            }
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            Signals.SendToGroup(process.Id, Signals.Kill);
            await process.WaitForExitAsync();
            process.Dispose();
            process = null;
            await StopEpmdAsync();
        }
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private Dictionary<string, string> ServerEnvironment(int distributionPort) => new()
    {
        ["HOME"] = root,
        ["RABBITMQ_NODENAME"] = $"rabbit-{Path.GetFileName(root)[9..21]}@localhost",
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
        ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void WriteConfiguration()
    {
        File.WriteAllText(Path.Combine(root, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(root, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{port}
            load_definitions = {Path.Combine(root, "definitions.json")}
            disk_free_limit.absolute = 10MB
            """);
        var vhosts = Enumerable.Range(1, VirtualHosts).Select(i => $"vh{i}").ToList();
        File.WriteAllText(Path.Combine(root, "definitions.json"), JsonSerializer.Serialize(new
        {
            users = new[] { new { name = User, password = Password, tags = "" } },
            vhosts = vhosts.Select(v => new { name = v }),
            permissions = vhosts.Select(v => new { user = User, vhost = v, configure = ".*", write = ".*", read = ".*" }),
        }));
    }

    /// <summary>Until the child has run setsid it is still in our group, and a signal to "its" group would hit us.</summary>
    private static async Task WaitUntilGroupLeaderAsync(Process started)
    {
        for (var i = 0; Signals.GroupOf(started.Id) != started.Id; i++)
        {
            if (i == 100)
            {
                started.Kill();
                throw new InvalidOperationException("setsid did not make rabbitmq-server a process group leader");
            }
            await Task.Delay(20);
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The node has died, so its epmd (on our port only) agrees to stop; it may take a moment to notice.</summary>
    private async Task StopEpmdAsync()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var start = new ProcessStartInfo("epmd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-port", epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-kill" })
                start.ArgumentList.Add(argument);
            using var epmd = Process.Start(start)!;
            var said = await epmd.StandardOutput.ReadToEndAsync() + await epmd.StandardError.ReadToEndAsync();
            await epmd.WaitForExitAsync();
            if (said.Contains("Killed", StringComparison.Ordinal) || said.Contains("connect", StringComparison.OrdinalIgnoreCase)) return;
            await Task.Delay(250);
        }
    }
}
