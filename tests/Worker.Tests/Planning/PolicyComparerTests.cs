using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.Planning;

public sealed class PolicyComparerTests
{
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """;

    [Theory]
    [InlineData("single action and resource as strings", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::milvus-a"},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::milvus-a/*"}]}
        """)]
    [InlineData("keys in another order", """
        {"Statement":[
          {"Resource":["arn:aws:s3:::milvus-a"],"Action":["s3:ListBucket"],"Effect":"Allow"},
          {"Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"],"Effect":"Allow"}],
         "Version":"2012-10-17"}
        """)]
    [InlineData("other whitespace", """
        {
            "Version" : "2012-10-17",
            "Statement" : [
                { "Effect" : "Allow", "Action" : [ "s3:ListBucket" ], "Resource" : [ "arn:aws:s3:::milvus-a" ] },
                { "Effect" : "Allow",
                  "Action" : [ "s3:DeleteObject", "s3:GetObject", "s3:PutObject" ],
                  "Resource" : [ "arn:aws:s3:::milvus-a/*" ] }
            ]
        }
        """)]
    [InlineData("actions and statements reordered", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:DeleteObject"],"Resource":["arn:aws:s3:::milvus-a/*"]},
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]}]}
        """)]
    public void AreEquivalent_SameMeaning_True(string difference, string other)
    {
        Assert.True(PolicyComparer.AreEquivalent(Policy, other), difference);
        Assert.True(PolicyComparer.AreEquivalent(other, Policy), difference);
    }

    [Theory]
    [InlineData("different resource", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-b"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """)]
    [InlineData("an action missing", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """)]
    [InlineData("deny instead of allow", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Deny","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """)]
    [InlineData("a statement missing", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]}]}
        """)]
    [InlineData("a wildcard resource", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["*"]}]}
        """)]
    [InlineData("invalid JSON", """{"Version":"2012-10-17","Statement":[""")]
    [InlineData("empty text", "")]
    public void AreEquivalent_DifferentOrInvalid_False(string difference, string other)
    {
        Assert.False(PolicyComparer.AreEquivalent(Policy, other), difference);
        Assert.False(PolicyComparer.AreEquivalent(other, Policy), difference);
    }

    [Fact]
    public void AreEquivalent_BothInvalidAndIdentical_False() => Assert.False(PolicyComparer.AreEquivalent("{not json", "{not json"));

    [Fact]
    public void AreEquivalent_OneNull_False() => Assert.False(PolicyComparer.AreEquivalent(Policy, null));

    [Fact]
    public void AreEquivalent_BothNull_True() => Assert.True(PolicyComparer.AreEquivalent(null, null));

    [Fact]
    public void AreEquivalent_TrustWithDifferentServiceAccount_False() =>
        Assert.False(PolicyComparer.AreEquivalent(Trust("milvus-s3-access-sa"), Trust("other-sa")));

    [Fact]
    public void AreEquivalent_TrustWithFederatedAsArray_True() =>
        Assert.True(PolicyComparer.AreEquivalent(Trust("milvus-s3-access-sa"),
            Trust("milvus-s3-access-sa").Replace("\"Federated\":\"arn:aws:iam::1:oidc-provider/o\"",
                "\"Federated\":[\"arn:aws:iam::1:oidc-provider/o\"]", StringComparison.Ordinal)));

    private static string Trust(string serviceAccount) =>
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/o"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"o:sub":"system:serviceaccount:milvus:SA","o:aud":"sts.amazonaws.com"}}}]}
        """.Replace(":SA\"", $":{serviceAccount}\"", StringComparison.Ordinal);
}
