using System.Text;
using Microsoft.AspNetCore.Http;

namespace Provisioner.FaultProxy.Tests;

public sealed class AwsCallClassifierTests
{
    private const string IamAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";

    [Theory]
    [InlineData(IamAuthorization, "iam")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-2/s3/aws4_request,SignedHeaders=host,Signature=0", "s3")]
    [InlineData("AKID/20261201/us-east-2/sts/aws4_request", "sts")]
    [InlineData("Bearer token", null)]
    [InlineData("", null)]
    public void ServiceOf_CredentialScope_ReturnsItsService(string text, string? expected)
    {
        Assert.Equal(expected, AwsCallClassifier.ServiceOf(text));
    }

    [Fact]
    public async Task ClassifyAsync_QueryFormBody_ReadsTheActionAndRewindsTheBody()
    {
        const string body = "Action=CreateRole&Version=2010-05-08&RoleName=r";
        var context = Request("POST", "/", IamAuthorization, body, "application/x-www-form-urlencoded; charset=utf-8");

        var call = await AwsCallClassifier.ClassifyAsync(context.Request, default);

        Assert.Equal(new AwsCall("iam", "CreateRole", AwsProtocol.Query), call);
        Assert.Equal(body, await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task ClassifyAsync_JsonTarget_NamesTheCallAfterTheDot()
    {
        var context = Request("POST", "/", IamAuthorization.Replace("/iam/", "/sqs/", StringComparison.Ordinal), "{}", "application/x-amz-json-1.0");
        context.Request.Headers["X-Amz-Target"] = "AmazonSQS.SendMessage";

        var call = await AwsCallClassifier.ClassifyAsync(context.Request, default);

        Assert.Equal(new AwsCall("sqs", "SendMessage", AwsProtocol.Json), call);
    }

    [Fact]
    public async Task ClassifyAsync_S3Request_NamesTheOperationFromMethodAndQuery()
    {
        var context = Request("PUT", "/milvus-a", IamAuthorization.Replace("/iam/", "/s3/", StringComparison.Ordinal), "<Tagging/>", "application/xml");
        context.Request.QueryString = new QueryString("?tagging");

        var call = await AwsCallClassifier.ClassifyAsync(context.Request, default);

        Assert.Equal(new AwsCall("s3", "PutBucketTagging", AwsProtocol.RestXml), call);
    }

    [Fact]
    public async Task ClassifyAsync_PresignedUrl_ReadsTheScopeFromTheQuery()
    {
        var context = Request("GET", "/bucket/key", "", "", null);
        context.Request.QueryString = new QueryString("?X-Amz-Credential=AKID%2F20261201%2Fus-east-2%2Fs3%2Faws4_request&X-Amz-Signature=0");

        var call = await AwsCallClassifier.ClassifyAsync(context.Request, default);

        Assert.Equal(new AwsCall("s3", "GetObject", AwsProtocol.RestXml), call);
    }

    [Theory]
    [InlineData("/moto-api/reset", IamAuthorization, AwsCall.EmulatorService)]
    [InlineData("/", "", AwsCall.UnknownService)]
    public async Task ClassifyAsync_NotAnAwsCall_IsSetApart(string path, string authorization, string service)
    {
        var context = Request("POST", path, authorization, "", "text/plain");

        var call = await AwsCallClassifier.ClassifyAsync(context.Request, default);

        Assert.Equal((service, AwsProtocol.Other), (call.Service, call.Protocol));
    }

    private static DefaultHttpContext Request(string method, string path, string authorization, string body, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (authorization.Length > 0) context.Request.Headers.Authorization = authorization;
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return context;
    }
}
