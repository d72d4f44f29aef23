using System.Net;
using System.Xml.Linq;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Tests.Aws.Iam;

public sealed class IamXmlTests
{
    [Theory]
    [InlineData("%7B%22Version%22%3A%20%222012-10-17%22%7D", "{\"Version\": \"2012-10-17\"}")]
    [InlineData("{\"Resource\": \"arn:aws:s3:::b/a%20b\"}", "{\"Resource\": \"arn:aws:s3:::b/a%20b\"}")]
    [InlineData("  {\"a\":1}", "{\"a\":1}")]
    public void DecodeDocument_EncodedOrRaw_ReturnsJson(string text, string expected) =>
        Assert.Equal(expected, IamXml.DecodeDocument(text));

    [Fact]
    public void ToException_IamErrorResponse_ReadsCodeAndMessage()
    {
        const string body = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Role r not found</Message></Error>
              <RequestId>1</RequestId>
            </ErrorResponse>
            """;

        var error = IamXml.ToException(body, HttpStatusCode.NotFound);

        Assert.Equal(("iam", "NoSuchEntity", AwsErrorKind.Terminal), (error.Service, error.Code, error.Kind));
        Assert.Equal("iam NoSuchEntity: Role r not found", error.Message);
    }

    [Fact]
    public void ToException_MotoAuthorizationShape_ReadsCodeAndMessage()
    {
        const string body = """
            <?xml version="1.0" encoding="utf-8"?>
            <ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: u is not authorized</Message><Type>Sender</Type></Error></Errors></ErrorResponse>
            """;

        var error = IamXml.ToException(body, HttpStatusCode.Forbidden);

        Assert.Equal(("AccessDenied", "iam AccessDenied: User: u is not authorized"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("", HttpStatusCode.ServiceUnavailable, AwsErrorKind.Retryable)]
    [InlineData("<html>gateway</html>", HttpStatusCode.BadGateway, AwsErrorKind.Retryable)]
    [InlineData("not xml at all", HttpStatusCode.Forbidden, AwsErrorKind.Terminal)]
    public void ToException_NoErrorDocument_CodeFromStatusBodyNotCopied(string body, HttpStatusCode status,
        AwsErrorKind kind)
    {
        var error = IamXml.ToException(body, status);

        Assert.Equal((status.ToString(), kind), (error.Code, error.Kind));
        if (body.Length > 0) Assert.DoesNotContain(body, error.Message);
    }

    [Fact]
    public void Tags_MemberList_ReadsEveryKeyAndValue()
    {
        var role = XElement.Parse("""
            <Role xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Tags>
              <member><Key>a</Key><Value>1</Value></member><member><Key>b</Key><Value></Value></member>
            </Tags></Role>
            """);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" }, role.Tags());
    }
}
