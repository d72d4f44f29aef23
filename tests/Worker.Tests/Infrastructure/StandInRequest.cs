namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>One request the stand-in received, for assertions (the body is not kept: it may hold a token).</summary>
public sealed record StandInRequest(string Method, string Path, string? ContentType, string? Query = null)
{
    public bool IsMutating => Method is not ("GET" or "HEAD");

    public override string ToString() => $"{Method} {Path}";
}
