namespace Provisioner.Worker.Testing;

/// <summary>
/// Puts every mutating HTTP call of a client through the <see cref="MutationSeam"/>. What counts as mutating, and how the
/// call is named in the record, is the client's to say (<paramref name="describe"/>; null = not a mutation).
/// </summary>
public sealed class MutationSeamHandler(MutationSeam seam, Func<HttpRequestMessage, Task<string?>> describe) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = await describe(request);
        return call is null
            ? await base.SendAsync(request, cancellationToken)
            : await seam.AroundAsync(call, () => base.SendAsync(request, cancellationToken));
    }

    /// <summary>A REST call (S3, Kubernetes): anything but GET and HEAD changes something.</summary>
    public static Task<string?> Rest(string service, HttpRequestMessage request) =>
        Task.FromResult(request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            ? null
            : $"{service} {request.Method} {request.RequestUri?.AbsolutePath}{request.RequestUri?.Query}");

    /// <summary>An IAM Query call: its Action says whether it changes something (Get*, List* do not).</summary>
    public static async Task<string?> IamQuery(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
        var action = body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "Action") is [_, var value] ? value : "?";
        return action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal) ? null : $"iam {action}";
    }
}
