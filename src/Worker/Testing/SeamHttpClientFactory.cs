using Amazon.Runtime;

namespace Provisioner.Worker.Testing;

/// <summary>Test-only: the AWS SDK's clients (S3) send through the <see cref="MutationSeam"/> when a <c>Testing</c> knob watches mutations.</summary>
public sealed class SeamHttpClientFactory(MutationSeam seam, string service) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new MutationSeamHandler(seam, request => MutationSeamHandler.Rest(service, request)) { InnerHandler = new HttpClientHandler() });
}
