namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>One request the stand-in received, for assertions (the body is not kept: it may hold a token).</summary>
public sealed record StandInRequest(string Method, string Path, string? ContentType, string? Query = null)
{
    /// <summary>What the stand-in answered; null while the request is in flight (or when the client gave up first).</summary>
    public int? StatusCode { get; set; }

    public bool IsMutating => Method is not ("GET" or "HEAD");

    public override string ToString() => $"{Method} {Path}";
}
