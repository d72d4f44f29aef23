using System.Net;
using System.Text;

namespace Provisioner.Worker.Tests.Stages.AccessKey;

/// <summary>Answers every Secret create or replace with 422 Invalid, as an API server with a rejecting admission webhook.</summary>
internal sealed class RefusingSecretWrites : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if ((request.Method == HttpMethod.Post || request.Method == HttpMethod.Put) && request.RequestUri!.AbsolutePath.Contains("/secrets", StringComparison.Ordinal))
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)422)
            {
                Content = new StringContent("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"denied by a webhook","reason":"Invalid","code":422}""",
                    Encoding.UTF8, "application/json"),
            });
        return base.SendAsync(request, cancellationToken);
    }
}
