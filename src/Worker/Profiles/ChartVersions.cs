namespace Provisioner.Worker.Profiles;

/// <summary>Version constraints of a chart rule: space-separated <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>=</c> comparisons, all to hold.</summary>
public static class ChartVersions
{
    public static bool Satisfies(string version, string constraint)
    {
        if (Parse(version) is not { } actual) return false;
        foreach (var term in constraint.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var op = new string(term.TakeWhile(c => c is '<' or '>' or '=').ToArray());
            if (Parse(term[op.Length..]) is not { } bound) return false;
            var compared = actual.CompareTo(bound);
            var holds = op switch
            {
                ">=" => compared >= 0,
                ">" => compared > 0,
                "<=" => compared <= 0,
                "<" => compared < 0,
                "" or "=" => compared == 0,
                _ => false,
            };
            if (!holds) return false;
        }
        return true;
    }

    /// <summary>A pre-release (<c>6.0.0-rc1</c>) is refused outright: it would compare as its release.</summary>
    public static Version? Parse(string text)
    {
        var trimmed = text.StartsWith('v') ? text[1..] : text;
        if (trimmed.IndexOfAny(['-', '+']) >= 0) return null;
        var parts = trimmed.Split('.');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit))) return null;
        return Version.TryParse(string.Join('.', parts.Concat(Enumerable.Repeat("0", 3 - parts.Length))), out var parsed) ? parsed : null;
    }

    public static bool IsConstraint(string constraint) =>
        constraint.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } terms
        && terms.All(t => Parse(t.TrimStart('<', '>', '=')) is not null && t.TakeWhile(c => c is '<' or '>' or '=').Count() <= 2);
}
