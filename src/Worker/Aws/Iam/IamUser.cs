using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

public sealed record IamUser(
    string Arn,
    string Name,
    string Path,
    string UserId,
    string? PermissionsBoundaryArn,
    IReadOnlyDictionary<string, string> Tags)
{
    internal static IamUser FromXml(XElement user) => new(
        user.Required("Arn"),
        user.Required("UserName"),
        user.Text("Path") ?? "/",
        user.Required("UserId"),
        user.Element(IamXml.Ns + "PermissionsBoundary")?.Text("PermissionsBoundaryArn"),
        user.Tags());
}
