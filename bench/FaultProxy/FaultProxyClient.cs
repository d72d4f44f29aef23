using System.Net.Http.Json;

namespace Provisioner.FaultProxy;

/// <summary>The admin endpoints of a proxy running in another process (the bench's): counts and profile.</summary>
public sealed class FaultProxyClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    public Uri Endpoint => endpoint;

    public async Task<CountsSnapshot> CountsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<CountsSnapshot>($"{FaultProxy.AdminPrefix}/counts", FaultProxy.Json, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the fault proxy answered no counts");

    public async Task ResetCountsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"{FaultProxy.AdminPrefix}/counts", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetProfileAsync(FaultProfile profile, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"{FaultProxy.AdminPrefix}/profile", profile, FaultProxy.Json, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
