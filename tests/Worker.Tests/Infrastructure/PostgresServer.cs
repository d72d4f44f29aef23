using System.Diagnostics;
using Npgsql;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 on a free loopback port, its data in a temp dir. initdb refuses root, so as root the server
/// runs as the <c>postgres</c> user (runuser) on a dir owned by it. Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private readonly string root = Path.Combine(Path.GetTempPath(), $"pg-{Guid.NewGuid():N}");
    private int port;

    private string DataDir => Path.Combine(root, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Timeout=10";

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(root);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres", root);
        await RunAsPostgresAsync(Tool("initdb"), "-D", DataDir, "-A", "trust", "-U", "postgres", "--no-sync");
        for (var attempt = 1; ; attempt++)
        {
            port = FreeTcpPort.Next();
            try
            {
                await RunAsPostgresAsync(Tool("pg_ctl"), "-D", DataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "30",
                    "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // The port may have been taken between FreeTcpPort and the server's bind: try another one.
            }
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Tool("pg_ctl"), "-D", DataDir, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Tool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return onPath ?? Directory.GetFiles("/usr/lib/postgresql", name, SearchOption.AllDirectories).OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException($"{name} (PostgreSQL) not found; test.sh installs it");
    }

    private static Task RunAsPostgresAsync(params string[] command) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. command]) : RunAsync(command[0], command[1..]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = new OutputTail();
        output.Attach(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
    }
}
