using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Provisioner.FaultProxy;

/// <summary>
/// Tells which AWS service and call a request is, from what any AWS endpoint sees: the SigV4 credential scope
/// (<c>Credential=AKID/date/region/service/aws4_request</c>, in the header or a presigned query), then the Query
/// <c>Action</c> of a form body, the JSON <c>X-Amz-Target</c>, or S3's method, path and query.
/// </summary>
public static partial class AwsCallClassifier
{
    private const int MaxFormBytes = 1 << 20;

    public static async Task<AwsCall> ClassifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Path.StartsWithSegments("/moto-api")) return new AwsCall(AwsCall.EmulatorService, "moto-api", AwsProtocol.Other);
        var service = ServiceOf(request.Headers.Authorization.ToString()) ?? ServiceOf(request.Query["X-Amz-Credential"].ToString());
        if (service is null) return new AwsCall(AwsCall.UnknownService, $"{request.Method} {request.Path}", AwsProtocol.Other);

        if (request.Headers["X-Amz-Target"].ToString() is { Length: > 0 } target)
            return new AwsCall(service, target[(target.LastIndexOf('.') + 1)..], AwsProtocol.Json);
        if (service == "s3")
            return new AwsCall(service, S3Operations.Name(request.Method, request.Path.Value ?? "/", request.Query.Keys), AwsProtocol.RestXml);
        if (await ActionAsync(request, cancellationToken).ConfigureAwait(false) is { } action)
            return new AwsCall(service, action, AwsProtocol.Query);
        return new AwsCall(service, request.Method, AwsProtocol.Query);
    }

    /// <summary>The service of a SigV4 credential scope, or null.</summary>
    public static string? ServiceOf(string credentialText)
    {
        var match = CredentialScope().Match(credentialText);
        return match.Success ? match.Groups["service"].Value : null;
    }

    /// <summary>The Query <c>Action</c>: from the URL, else from a form body, which is then rewound for forwarding.</summary>
    private static async Task<string?> ActionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["Action"].ToString() is { Length: > 0 } inQuery) return inQuery;
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true) return null;
        if (request.ContentLength is > MaxFormBytes) return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        request.Body.Position = 0;
        return QueryHelpers.ParseQuery(body).TryGetValue("Action", out var action) && action.ToString() is { Length: > 0 } value ? value : null;
    }

    [GeneratedRegex(@"Credential=[^/,\s]+/\d{8}/[^/]+/(?<service>[^/]+)/aws4_request|^[^/,\s]+/\d{8}/[^/]+/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();
}
