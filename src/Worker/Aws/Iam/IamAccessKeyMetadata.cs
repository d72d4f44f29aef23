using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

public sealed record IamAccessKeyMetadata(string AccessKeyId, string Status, DateTimeOffset CreateDate)
{
    internal static IamAccessKeyMetadata FromXml(XElement key) =>
        new(key.Required("AccessKeyId"), key.Required("Status"), key.Date("CreateDate"));
}
