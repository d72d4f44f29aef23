using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.Planning;

public sealed class PartitionsTests
{
    [Theory]
    [InlineData("us-east-2", "aws", "s3.us-east-2.amazonaws.com")]
    [InlineData("eu-west-1", "aws", "s3.eu-west-1.amazonaws.com")]
    [InlineData("cn-north-1", "aws-cn", "s3.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", "aws-cn", "s3.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "s3.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", "aws-us-gov", "s3.us-gov-east-1.amazonaws.com")]
    public void ForRegionAndS3Host_Region_PartitionAndEndpoint(string region, string partition, string host) =>
        Assert.Equal((partition, host), (Partitions.ForRegion(region), Partitions.S3Host(region)));
}
