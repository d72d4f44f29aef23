using System.Collections.Immutable;
using System.Text;

namespace Provisioner.Worker.Aws.Iam;

/// <summary>One IAM Query-API request: an action and its form fields. Immutable, so a paging call can add a marker.</summary>
internal sealed class IamQuery
{
    public const string ApiVersion = "2010-05-08";

    private readonly ImmutableList<KeyValuePair<string, string>> fields;

    private IamQuery(string action, ImmutableList<KeyValuePair<string, string>> fields)
    {
        Action = action;
        this.fields = fields;
    }

    public string Action { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public static IamQuery For(string action) => new(action, []);

    /// <summary>Adds a field; a null value is left out, as the API treats a missing optional field.</summary>
    public IamQuery Add(string name, string? value) =>
        value is null ? this : new(Action, fields.Add(new(name, value)));

    public IamQuery Add(string name, bool value) => Add(name, value ? "true" : "false");

    public IamQuery AddList(string name, IEnumerable<string> values)
    {
        var query = this;
        var n = 1;
        foreach (var value in values) query = query.Add($"{name}.member.{n++}", value);
        return query;
    }

    public IamQuery AddTags(IReadOnlyDictionary<string, string>? tags)
    {
        var query = this;
        var n = 1;
        foreach (var (key, value) in tags ?? ImmutableDictionary<string, string>.Empty)
        {
            query = query.Add($"Tags.member.{n}.Key", key).Add($"Tags.member.{n}.Value", value);
            n++;
        }
        return query;
    }

    /// <summary>RFC 3986 percent-encoding (spaces as %20, not '+'), as the AWS SDKs send it.</summary>
    public byte[] ToFormBody()
    {
        var body = new StringBuilder($"Action={Uri.EscapeDataString(Action)}&Version={ApiVersion}");
        foreach (var (name, value) in fields)
            body.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    /// <summary>Only the action: field values can hold policy documents and must not reach logs or errors.</summary>
    public override string ToString() => Action;
}
