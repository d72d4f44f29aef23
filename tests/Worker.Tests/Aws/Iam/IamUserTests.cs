using System.Xml.Linq;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Tests.Aws.Iam;

public sealed class IamUserTests
{
    // moto drops a user's boundary, so the AWS shape is checked here from AWS's documented response.
    [Fact]
    public void FromXml_UserWithPermissionsBoundary_ReadsTheBoundaryArn()
    {
        var user = XElement.Parse("""
            <User xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Path>/milvus/</Path><UserName>u</UserName><UserId>AIDA1</UserId>
              <Arn>arn:aws:iam::111122223333:user/milvus/u</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate>
              <PermissionsBoundary>
                <PermissionsBoundaryType>Policy</PermissionsBoundaryType>
                <PermissionsBoundaryArn>arn:aws:iam::111122223333:policy/boundary</PermissionsBoundaryArn>
              </PermissionsBoundary>
            </User>
            """);

        Assert.Equal("arn:aws:iam::111122223333:policy/boundary", IamUser.FromXml(user).PermissionsBoundaryArn);
    }
}
