using System.Text;

namespace Provisioner.Worker.Validation;

/// <summary>
/// Free text that reaches a log line, a tag or a ticket: bounded, and without the characters that forge a log line or
/// hide what it says — control characters (newlines among them), Unicode line and paragraph separators, bidirectional
/// overrides.
/// </summary>
public static class TextRules
{
    public static IEnumerable<string> Check(string value, int maxLength)
    {
        if (value.Length > maxLength) yield return $"must be at most {maxLength} characters long (is {value.Length})";
        if (value.Any(IsForbidden)) yield return "must not contain control characters, line breaks or bidirectional overrides";
    }

    public static bool IsForbidden(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Text from a request made safe to echo in a message: forbidden characters escaped, cut to <paramref name="maxLength"/>.</summary>
    public static string Printable(string? value, int maxLength = 64)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder();
        foreach (var c in value.Length > maxLength ? value[..maxLength] : value)
            text.Append(IsForbidden(c) ? $"\\u{(int)c:x4}" : c);
        return value.Length > maxLength ? text.Append('…').ToString() : text.ToString();
    }
}
