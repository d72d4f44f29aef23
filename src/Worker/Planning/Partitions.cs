namespace Provisioner.Worker.Planning;

public static class Partitions
{
    public static string ForRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    public static string S3Host(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? $"s3.{region}.amazonaws.com.cn" : $"s3.{region}.amazonaws.com";
}
