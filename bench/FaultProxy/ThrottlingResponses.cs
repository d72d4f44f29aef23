using System.Text;
using Microsoft.AspNetCore.Http;

namespace Provisioner.FaultProxy;

/// <summary>
/// AWS's own throttling answers, byte for byte in shape: the Query services (IAM, STS) answer 400 <c>Throttling</c>
/// in <c>&lt;ErrorResponse&gt;</c>, S3 answers 503 <c>SlowDown</c> in its <c>&lt;Error&gt;</c> document, JSON services
/// 400 with a <c>__type</c> and the <c>x-amzn-query-error</c> header SQS sends.
/// </summary>
public static class ThrottlingResponses
{
    private static readonly Dictionary<string, string> QueryNamespaces = new(StringComparer.Ordinal)
    {
        ["iam"] = "https://iam.amazonaws.com/doc/2010-05-08/",
        ["sts"] = "https://sts.amazonaws.com/doc/2011-06-15/",
    };

    public static Task WriteAsync(HttpContext context, AwsCall call)
    {
        var requestId = Guid.NewGuid().ToString();
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = requestId;
        switch (call.Protocol)
        {
            case AwsProtocol.RestXml:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers["x-amz-request-id"] = requestId;
                response.Headers["x-amz-id-2"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(requestId));
                return Body(context, "application/xml",
                    $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>{requestId}</RequestId><HostId>{response.Headers["x-amz-id-2"]}</HostId></Error>""");
            case AwsProtocol.Json:
                response.StatusCode = StatusCodes.Status400BadRequest;
                response.Headers["x-amzn-query-error"] = "ThrottlingException;Sender";
                return Body(context, "application/x-amz-json-1.0", """{"__type":"com.amazonaws#ThrottlingException","message":"Rate exceeded"}""");
            default:
                response.StatusCode = StatusCodes.Status400BadRequest;
                var ns = QueryNamespaces.GetValueOrDefault(call.Service, QueryNamespaces["iam"]);
                return Body(context, "text/xml",
                    $"""<ErrorResponse xmlns="{ns}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>""");
        }
    }

    private static Task Body(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        if (HttpMethods.IsHead(context.Request.Method)) return Task.CompletedTask; // a HEAD answer has no body, as S3's
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
