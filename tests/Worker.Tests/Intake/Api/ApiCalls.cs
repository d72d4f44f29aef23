using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary>Requests as a caller writes them, and the answers read back as JSON.</summary>
internal static class ApiCalls
{
    /// <param name="contentType">Sent with the body, and on a body-less request other than GET (as a well-behaved client does); null: none.</param>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, string? body = null,
        string? token = null, IDictionary<string, string>? headers = null, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null || (contentType is not null && method != HttpMethod.Get))
        {
            request.Content = new StringContent(body ?? "", Encoding.UTF8);
            request.Content.Headers.ContentType = null;
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Submits a valid request and waits for its outcome; returns the final state.</summary>
    public static async Task<string> ProvisionAsync(this HttpClient http, string environment)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await http.SettledAsync(response.Headers.Location!.ToString())).GetProperty("state").GetString()!;
    }

    /// <summary>Polls the status route until the run has an outcome.</summary>
    public static async Task<JsonElement> SettledAsync(this HttpClient http, string location, string? token = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.SendAsync(HttpMethod.Get, location, token: token);
            if (response.IsSuccessStatusCode && await response.JsonAsync() is var status && status.GetProperty("state").GetString() != "running")
                return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{location} did not settle");
            await Task.Delay(100);
        }
    }
}
