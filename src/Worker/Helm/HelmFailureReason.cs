using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Worker.Helm;

/// <summary>
/// The line of helm's stderr a requester may see. A chart's template can read any Secret the worker may read
/// (<c>lookup</c>) and print it in its error (<c>fail</c>, <c>required</c>, or a name given to <c>include</c> or
/// <c>tpl</c>), so a template error keeps its location and withholds the rest. Any other failure is helm's first
/// <c>Error:</c> line, without control characters, capped; whatever follows it, and every line before it (warnings,
/// Helm 4's log lines), is not shown. The whole stderr goes to the worker's log at Debug.
/// </summary>
public static partial class HelmFailureReason
{
    public const int MaxLength = 300;
    public const string Withheld = "message withheld, see the worker log at Debug";

    public static string From(string? stderr)
    {
        if (string.IsNullOrWhiteSpace(stderr)) return "helm printed no error";
        var line = stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal));
        if (line is null) return $"helm printed no error line; {Withheld}";
        var reason = WithoutTemplateMessage(Printable(line));
        return reason.Length <= MaxLength ? reason : string.Concat(reason.AsSpan(0, MaxLength - 1), "…");
    }

    /// <summary>
    /// Up to the template's location: <c>execution error at (LOC)</c> (<c>fail</c>, <c>required</c>), <c>parse error at
    /// (LOC)</c>, or Go's <c>template: LOC:</c> (an error inside an <c>executing</c>). From the first such marker on,
    /// nothing but a well-formed location is kept, so an odd template name cannot let its message through.
    /// </summary>
    private static string WithoutTemplateMessage(string line)
    {
        var marker = TemplateMarker().Match(line);
        if (!marker.Success) return line;
        var location = TemplateLocation().Match(line, marker.Index);
        return location.Success && location.Index == marker.Index
            ? $"{line[..(location.Index + location.Length)]}: {Withheld}"
            : $"{line[..marker.Index]}template error: {Withheld}";
    }

    private static string Printable(string line)
    {
        var text = new StringBuilder(line.Length);
        foreach (var c in AnsiEscape().Replace(line, ""))
        {
            var category = char.GetUnicodeCategory(c);
            if (c == '\t') text.Append(' ');
            else if (category is not (UnicodeCategory.Control or UnicodeCategory.Format)) text.Append(c);
        }
        return text.ToString().Trim();
    }

    [GeneratedRegex(@"(?:execution|parse) error at \(|template: ")]
    private static partial Regex TemplateMarker();

    [GeneratedRegex(@"\G(?:(?:execution|parse) error at \([^()\s]{1,200}\)|template: [^\s:]{1,200}:\d+(?::\d+)?)(?=:)")]
    private static partial Regex TemplateLocation();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();
}
