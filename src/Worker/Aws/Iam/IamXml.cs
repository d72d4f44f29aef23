using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Provisioner.Worker.Aws.Iam;

/// <summary>Reads IAM Query-API XML: results, member lists, tags, URL-encoded documents and error responses.</summary>
internal static class IamXml
{
    public static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    /// <summary>The <c>&lt;ActionResult&gt;</c> element, or the root for actions that return nothing.</summary>
    public static XElement Result(string body, string action)
    {
        var root = XDocument.Parse(body).Root ?? throw new XmlException("IAM response has no root element");
        return root.Element(Ns + $"{action}Result") ?? root;
    }

    public static string? Text(this XElement parent, string name) => parent.Element(Ns + name)?.Value;

    public static string Required(this XElement parent, string name) =>
        parent.Text(name) ?? throw new XmlException($"IAM response lacks <{name}> in <{parent.Name.LocalName}>");

    public static XElement Child(this XElement parent, string name) =>
        parent.Element(Ns + name) ?? throw new XmlException($"IAM response lacks <{name}> in <{parent.Name.LocalName}>");

    public static IEnumerable<XElement> Members(this XElement parent, string listName) =>
        parent.Element(Ns + listName)?.Elements(Ns + "member") ?? [];

    public static IReadOnlyList<string> MemberValues(this XElement parent, string listName) =>
        [.. parent.Members(listName).Select(member => member.Value)];

    public static IReadOnlyDictionary<string, string> Tags(this XElement parent) =>
        parent.Members("Tags").ToDictionary(tag => tag.Required("Key"), tag => tag.Text("Value") ?? "", StringComparer.Ordinal);

    public static bool IsTruncated(this XElement result) => result.Text("IsTruncated") == "true";

    public static DateTimeOffset Date(this XElement parent, string name) =>
        DateTimeOffset.Parse(parent.Required(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// IAM returns policy documents URL-encoded (RFC 3986). moto returns policy versions as raw JSON, so only text that
    /// is not already a JSON object is decoded: decoding raw JSON would corrupt a literal '%' in a condition value.
    /// </summary>
    public static string DecodeDocument(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') ? trimmed : Uri.UnescapeDataString(trimmed);
    }

    /// <summary>
    /// IAM errors are <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c> in the IAM namespace; moto's authorization errors come as
    /// <c>&lt;ErrorResponse&gt;&lt;Errors&gt;&lt;Error&gt;</c> without one. Match by local name to read both.
    /// The body is never copied into the exception: only the service's code and message.
    /// </summary>
    public static AwsException ToException(string body, HttpStatusCode status)
    {
        XElement? error = null;
        try
        {
            error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        }
        catch (XmlException)
        {
        }

        var code = LocalChild(error, "Code");
        if (string.IsNullOrEmpty(code))
            return new AwsException("iam", status.ToString(), $"HTTP {(int)status} without an IAM error document", status);
        return new AwsException("iam", code, LocalChild(error, "Message") ?? "", status);
    }

    private static string? LocalChild(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
