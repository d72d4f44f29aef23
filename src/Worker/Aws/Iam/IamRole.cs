using System.Globalization;
using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

/// <param name="AssumeRolePolicyDocument">The trust policy as JSON, already URL-decoded.</param>
public sealed record IamRole(
    string Arn,
    string Name,
    string Path,
    string RoleId,
    string AssumeRolePolicyDocument,
    string? PermissionsBoundaryArn,
    IReadOnlyDictionary<string, string> Tags,
    int MaxSessionDuration,
    string? Description)
{
    internal static IamRole FromXml(XElement role) => new(
        role.Required("Arn"),
        role.Required("RoleName"),
        role.Text("Path") ?? "/",
        role.Required("RoleId"),
        IamXml.DecodeDocument(role.Text("AssumeRolePolicyDocument") ?? ""),
        role.Element(IamXml.Ns + "PermissionsBoundary")?.Text("PermissionsBoundaryArn"),
        role.Tags(),
        int.Parse(role.Text("MaxSessionDuration") ?? "3600", CultureInfo.InvariantCulture),
        role.Text("Description"));
}
