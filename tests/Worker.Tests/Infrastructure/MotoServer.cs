using System.Diagnostics;
using System.Text;
using Amazon.Runtime;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A real moto_server on a free loopback port, one process per fixture instance. Tests get its endpoint through
/// <see cref="Options"/> and <see cref="Credentials"/>, never through process-wide environment variables.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string AccountId = "123456789012";

    private const int StartAttempts = 3;
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(20);

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? process;
    private OutputTail output = new();
    private Uri? endpoint;

    public Uri Endpoint => endpoint ?? throw new InvalidOperationException("moto_server has not been started");

    public string AccessKey => "testing";

    public string SecretKey => "testing";

    /// <summary>Any key works while enforcement is off; with it on, only keys of IAM users moto knows.</summary>
    public AWSCredentials Credentials => new BasicAWSCredentials(AccessKey, SecretKey);

    public AwsOptions Options => new()
    {
        EndpointUrl = Endpoint.ToString(),
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    public IamClient CreateIamClient(AWSCredentials? credentials = null) => new(credentials ?? Credentials, Options);

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Next();
            Start(port);
            if (await WaitUntilReadyAsync(port).ConfigureAwait(false)) return;
            var exited = process is { HasExited: true };
            await StopAsync().ConfigureAwait(false);
            var log = output.ToString();
            // The port can be taken between FreeTcpPort and moto's bind: try another one.
            if (attempt < StartAttempts && log.Contains("already in use", StringComparison.OrdinalIgnoreCase)) continue;
            throw new InvalidOperationException(exited
                ? $"moto_server exited before answering on port {port}. Output:\n{log}"
                : $"moto_server did not answer on port {port} within {StartupDeadline.TotalSeconds} s. Output:\n{log}");
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        http.Dispose();
    }

    /// <summary>
    /// Wipes every backend, for every test sharing this server: only for a fixture instance of one's own. With
    /// enforcement on this deletes the admin user too: disable it first.
    /// </summary>
    public Task ResetAsync() => PostMotoApiAsync("reset", null);

    /// <summary>
    /// Creates an admin user (inline policy Action "*" on "*") with an access key, then turns on moto's IAM
    /// enforcement: from then on only signed requests of known users pass, the fixture's default key is then refused.
    /// Enforcement is server-wide: use a fixture instance of its own.
    /// </summary>
    public async Task<(string AccessKey, string SecretKey)> EnableAuthAsync()
    {
        using var iam = CreateIamClient();
        var name = $"moto-admin-{Guid.NewGuid():N}";
        await iam.Users.CreateUserAsync(name, "/", null, new Dictionary<string, string>(), default).ConfigureAwait(false);
        await iam.Users.PutUserPolicyAsync(name, "admin",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", default)
            .ConfigureAwait(false);
        var key = await iam.Users.CreateAccessKeyAsync(name, default).ConfigureAwait(false);
        await PostMotoApiAsync("reset-auth", "0").ConfigureAwait(false);
        return (key.AccessKeyId, key.SecretAccessKey);
    }

    public Task DisableAuthAsync() => PostMotoApiAsync("reset-auth", "inf");

    private void Start(int port)
    {
        var start = new ProcessStartInfo("moto_server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        // The account id is the server's choice: keep moto's default whatever the test runner's environment says.
        start.Environment.Remove("MOTO_ACCOUNT_ID");
        output = new OutputTail();
        process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        output.Attach(process);
        endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task<bool> WaitUntilReadyAsync(int port)
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        var probe = new Uri($"http://127.0.0.1:{port}/moto-api/");
        while (DateTime.UtcNow < deadline && process is { HasExited: false })
        {
            try
            {
                using var response = await http.GetAsync(probe).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        return false;
    }

    private async Task StopAsync()
    {
        if (process is null) return;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        // Also waits for the output pipes to drain, so a failure message holds moto's last words.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        process.Dispose();
        process = null;
    }

    private async Task PostMotoApiAsync(string path, string? body)
    {
        using var content = new StringContent(body ?? "", Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(new Uri(Endpoint, $"/moto-api/{path}"), content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
