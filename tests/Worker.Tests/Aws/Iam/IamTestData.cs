namespace Provisioner.Worker.Tests.Aws.Iam;

/// <summary>Documents and names shared by the IAM tests; names are unique so tests can share one moto_server.</summary>
internal static class IamTestData
{
    public const string Account = Infrastructure.MotoServer.AccountId;

    public const string Issuer = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

    /// <summary>Spaces, '+', '%', '&amp;', '=' and non-ASCII: what form encoding must carry intact.</summary>
    public const string BucketPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::milvus-a",
              "Condition": { "StringLike": { "s3:prefix": ["data/a b+c%20&d=e/ü*"] } } },
            { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
              "Resource": "arn:aws:s3:::milvus-a/*" }
          ]
        }
        """;

    public const string ReadOnlyBucketPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],
          "Resource":["arn:aws:s3:::milvus-a","arn:aws:s3:::milvus-a/*"]}]}
        """;

    public static readonly string TrustPolicy = $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::{{Account}}:oidc-provider/{{Issuer}}" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": {
              "{{Issuer}}:sub": "system:serviceaccount:milvus:milvus-s3",
              "{{Issuer}}:aud": "sts.amazonaws.com" } }
          }]
        }
        """;

    public static IReadOnlyDictionary<string, string> Tags(string requestId = "req-1") => new Dictionary<string, string>
    {
        ["managed-by"] = "milvus-provisioner",
        ["environment"] = "test env",
        ["request-id"] = requestId,
    };

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
