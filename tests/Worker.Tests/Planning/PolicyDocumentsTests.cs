using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Planning;

public sealed class PolicyDocumentsTests
{
    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    public void BucketAccess_ReadWrite_IsTheMilvusGuidePolicy(string partition) =>
        JsonAssert.Equivalent($$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:{{partition}}:s3:::milvus-data"] },
                { "Effect": "Allow", "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
                  "Resource": ["arn:{{partition}}:s3:::milvus-data/*"] }
              ]
            }
            """, PolicyDocuments.BucketAccess(partition, "milvus-data", readOnly: false).ToJsonString());

    [Fact]
    public void BucketAccess_ReadOnly_ListsAndGetsOnly() =>
        JsonAssert.Equivalent("""
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::milvus-data"] },
                { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::milvus-data/*"] }
              ]
            }
            """, PolicyDocuments.BucketAccess("aws", "milvus-data", readOnly: true).ToJsonString());

    [Fact]
    public void IrsaTrust_ServiceAccount_TrustsOnlyThatServiceAccountForSts() =>
        JsonAssert.Equivalent("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/id/ABC" },
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": { "StringEquals": {
                  "oidc.example.com/id/ABC:sub": "system:serviceaccount:vectors:milvus-sa",
                  "oidc.example.com/id/ABC:aud": "sts.amazonaws.com" } }
              }]
            }
            """,
            PolicyDocuments.IrsaTrust("arn:aws:iam::123456789012:oidc-provider/oidc.example.com/id/ABC", "oidc.example.com/id/ABC",
                "vectors", "milvus-sa").ToJsonString());
}
