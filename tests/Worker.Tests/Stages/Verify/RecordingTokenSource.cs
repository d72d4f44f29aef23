using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Tests.Stages.Verify;

/// <summary>Hands out a JWT-shaped token (moto never checks it) and records who it was asked for.</summary>
internal sealed class RecordingTokenSource : IServiceAccountTokenSource
{
    public const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";

    private readonly List<(string Namespace, string ServiceAccount, string Audience)> requests = [];

    public IReadOnlyList<(string Namespace, string ServiceAccount, string Audience)> Requests
    {
        get { lock (requests) return [.. requests]; }
    }

    public Task<string> RequestTokenAsync(string @namespace, string serviceAccount, string audience, CancellationToken cancellationToken)
    {
        lock (requests) requests.Add((@namespace, serviceAccount, audience));
        return Task.FromResult(Token);
    }
}
