using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>One answer of the Kubernetes stand-in: an HTTP status and a JSON body (an object or a Status).</summary>
public sealed record StandInResult(int StatusCode, JsonNode Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
