using System.Globalization;
using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

public sealed record IamPolicy(
    string Arn,
    string Name,
    string Path,
    string PolicyId,
    string DefaultVersionId,
    int AttachmentCount,
    string? Description,
    IReadOnlyDictionary<string, string> Tags)
{
    internal static IamPolicy FromXml(XElement policy) => new(
        policy.Required("Arn"),
        policy.Required("PolicyName"),
        policy.Text("Path") ?? "/",
        policy.Required("PolicyId"),
        policy.Required("DefaultVersionId"),
        int.Parse(policy.Text("AttachmentCount") ?? "0", CultureInfo.InvariantCulture),
        policy.Text("Description"),
        policy.Tags());
}
