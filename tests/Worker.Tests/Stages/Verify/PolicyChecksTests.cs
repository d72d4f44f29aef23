using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Tests.Stages.Verify;

/// <summary>
/// Each row changes one thing in a document IAM could hand back and names the exact difference the verifier must
/// report. The expected documents are written out here, not taken from the planner, so a planner bug cannot hide.
/// </summary>
public sealed class PolicyChecksTests
{
    private const string Host = "oidc.eks.us-east-2.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    private const string Provider = "arn:aws:iam::123456789012:oidc-provider/" + Host;
    private const string OtherProvider = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private const string Sub = "system:serviceaccount:milvus:milvus-s3-access-sa";

    private const string Trust = $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """;

    private const string Policy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """;

    private const string ListStatement = """{"Action":["s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::milvus-a"]}""";
    private const string ObjectStatement =
        """{"Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::milvus-a/*"]}""";

    [Theory]
    [InlineData("another cluster's provider", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{OtherProvider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """, new[] { $"trust policy principal: expected '{Provider}', found '{OtherProvider}'" })]
    [InlineData("another namespace", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"system:serviceaccount:default:milvus-s3-access-sa","{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """, new[] { $"trust policy sub: expected '{Sub}', found 'system:serviceaccount:default:milvus-s3-access-sa'" })]
    [InlineData("another ServiceAccount", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"system:serviceaccount:milvus:default","{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """, new[] { $"trust policy sub: expected '{Sub}', found 'system:serviceaccount:milvus:default'" })]
    [InlineData("another audience", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"vault"} } } ] }
        """, new[] { "trust policy aud: expected 'sts.amazonaws.com', found 'vault'" })]
    [InlineData("a wildcard StringLike instead of StringEquals", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringLike":{"{{Host}}:sub":"system:serviceaccount:milvus:*"},"StringEquals":{"{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """, new[] { $"trust policy sub: expected '{Sub}', found '(none)'", $"trust policy: unexpected conditions StringLike:{Host}:sub" })]
    [InlineData("an extra condition under another operator", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com"},"Bool":{"aws:SecureTransport":"true"} } } ] }
        """, new[] { "trust policy: unexpected conditions Bool:aws:SecureTransport" })]
    [InlineData("an extra StringEquals key", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com","{{Host}}:amr":"authenticated"} } } ] }
        """, new[] { $"trust policy: unexpected conditions {Host}:amr" })]
    [InlineData("an extra statement trusting the whole account", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com"} } },
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}
        """, new[] { "trust policy: expected exactly 1 statement, found 2" })]
    [InlineData("another action", $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{Provider}}"},
          "Action":"sts:AssumeRole",
          "Condition":{"StringEquals":{"{{Host}}:sub":"{{Sub}}","{{Host}}:aud":"sts.amazonaws.com"} } } ] }
        """, new[] { "trust policy action: expected 'sts:AssumeRoleWithWebIdentity', found 'sts:AssumeRole'" })]
    [InlineData("keys reordered, single values as arrays, other whitespace", $$"""
        {
          "Statement": { "Condition": { "StringEquals": { "{{Host}}:aud": ["sts.amazonaws.com"], "{{Host}}:sub": "{{Sub}}" } },
                         "Action": ["sts:AssumeRoleWithWebIdentity"], "Principal": { "Federated": ["{{Provider}}"] }, "Effect": "Allow" },
          "Version": "2012-10-17"
        }
        """, new string[0])]
    public void TrustDifferences_OneThingChanged_NamesExactlyThatDifference(string change, string actual, string[] expected)
    {
        Assert.True(expected.SequenceEqual(PolicyChecks.TrustDifferences(Trust, actual)),
            $"{change}: expected [{string.Join(" | ", expected)}], found [{string.Join(" | ", PolicyChecks.TrustDifferences(Trust, actual))}]");
    }

    [Fact]
    public void TrustDifferences_NoDocument_SaysSo()
    {
        Assert.Equal(["role: no trust policy"], PolicyChecks.TrustDifferences(Trust, null));
    }

    [Theory]
    [InlineData("an extra statement", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]},
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}]}
        """, new[] { """access policy: extra statement {"Action":["s3:GetObject"],"Effect":"Allow","Resource":["arn:aws:s3:::payroll/*"]}""" })]
    [InlineData("a missing statement", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """, new[] { "access policy: missing statement " + ListStatement })]
    [InlineData("a broader resource", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::*"]}]}
        """, new[]
    {
        "access policy: missing statement " + ObjectStatement,
        """access policy: extra statement {"Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::*"]}""",
    })]
    [InlineData("an extra action", """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket","s3:DeleteBucket"],"Resource":["arn:aws:s3:::milvus-a"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::milvus-a/*"]}]}
        """, new[]
    {
        "access policy: missing statement " + ListStatement,
        """access policy: extra statement {"Action":["s3:DeleteBucket","s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::milvus-a"]}""",
    })]
    [InlineData("statements and keys reordered, single values as strings", """
        {"Statement":[
          {"Resource":"arn:aws:s3:::milvus-a/*","Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:DeleteObject"]},
          {"Resource":"arn:aws:s3:::milvus-a","Action":"s3:ListBucket","Effect":"Allow"}],
         "Version":"2012-10-17"}
        """, new string[0])]
    public void PolicyDifferences_OneThingChanged_NamesExactlyThatDifference(string change, string actual, string[] expected)
    {
        Assert.True(expected.SequenceEqual(PolicyChecks.PolicyDifferences(Policy, actual)),
            $"{change}: expected [{string.Join(" | ", expected)}], found [{string.Join(" | ", PolicyChecks.PolicyDifferences(Policy, actual))}]");
    }

    [Fact]
    public void PolicyDifferences_NoDocument_SaysSo()
    {
        Assert.Equal(["access policy: no default version document"], PolicyChecks.PolicyDifferences(Policy, null));
    }
}
