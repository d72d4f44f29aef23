using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Provisioner.FaultProxy;

/// <summary>
/// Forwards with the Host the client signed: SigV4 covers the host header, so the upstream must see the proxy's
/// address, not its own, or an emulator that checks signatures would refuse every request.
/// </summary>
internal sealed class OriginalHostTransformer : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
    }
}
