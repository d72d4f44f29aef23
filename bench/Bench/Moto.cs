using System.Text;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Bench;

/// <summary>
/// The moto_server that bench.sh started. moto keeps every bucket, policy and role in memory and some of its lookups
/// grow with them, so every block starts from a reset (and the cluster's OIDC provider registered again).
/// </summary>
public sealed class Moto(Uri endpoint, int? pid, string? logPath) : IDisposable
{
    public const string Issuer = "https://oidc.eks.us-east-2.amazonaws.com/id/BENCHD539D4633E53DE1B71EXAMPLE";

    private readonly HttpClient http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
    private readonly IamClient iam = IamClient.CreateWithDefaultCredentials(new AwsOptions { EndpointUrl = endpoint.ToString() });
    private long logOffset;
    private long requests;

    public Uri Endpoint => endpoint;

    /// <summary>CPU seconds moto has used so far (NaN when bench.sh did not say which process it is).</summary>
    public double CpuSeconds => pid is { } p ? ProcFs.CpuSeconds(p) : double.NaN;

    public async Task ResetAsync()
    {
        using var content = new StringContent("", Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(new Uri("/moto-api/reset", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        // The cluster's provider, as eksctl would have registered it: the requests say createOidcProvider: false.
        await iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(Issuer, ["sts.amazonaws.com"], [],
            new Dictionary<string, string>(), CancellationToken.None);
    }

    /// <summary>AWS requests moto has answered so far, counted from its access log (0 without a log).</summary>
    public async Task<long> RequestsAsync()
    {
        if (logPath is null || !File.Exists(logPath)) return 0;
        await Task.Delay(100); // moto writes the access-log line after the response
        await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(logOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
            if (line.Contains(" HTTP/1.1\" ", StringComparison.Ordinal) && !line.Contains("/moto-api/", StringComparison.Ordinal)) requests++;
        logOffset = stream.Position;
        return requests;
    }

    public void Dispose()
    {
        http.Dispose();
        iam.Dispose();
    }
}
