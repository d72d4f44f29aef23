using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

/// <param name="Url">As IAM stores it: the issuer without its scheme, e.g. <c>oidc.eks.us-east-1.amazonaws.com/id/ABC</c>.</param>
public sealed record IamOpenIdConnectProvider(
    string Arn,
    string Url,
    IReadOnlyList<string> ClientIds,
    IReadOnlyList<string> Thumbprints,
    IReadOnlyDictionary<string, string> Tags)
{
    internal static IamOpenIdConnectProvider FromXml(string arn, XElement result) => new(
        arn,
        result.Required("Url"),
        result.MemberValues("ClientIDList"),
        result.MemberValues("ThumbprintList"),
        result.Tags());
}
