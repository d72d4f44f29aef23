using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

public sealed record IamPolicyVersion(string VersionId, bool IsDefault, DateTimeOffset CreateDate)
{
    internal static IamPolicyVersion FromXml(XElement version) => new(
        version.Required("VersionId"),
        version.Text("IsDefaultVersion") == "true",
        version.Date("CreateDate"));
}
