namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The documents of a rendered chart, split the way helm prints them. Enough YAML reading for the stub chart's flat
/// shapes (kind, metadata.name, and whole lines), without a YAML library.
/// </summary>
internal sealed class RenderedManifest(string manifest)
{
    public IReadOnlyList<string> Documents { get; } = manifest.Split("\n---", StringSplitOptions.RemoveEmptyEntries)
        .Where(d => d.Contains("\nkind:", StringComparison.Ordinal)).ToList();

    public IEnumerable<string> Kinds => Documents.Select(KindOf);

    public string Single(string kind) => Assert.Single(Documents, d => KindOf(d) == kind);

    /// <summary>The trimmed lines of one document, so a test asserts on <c>useIAM: true</c> whatever its indentation.</summary>
    public static IReadOnlyList<string> Lines(string document) =>
        document.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static string KindOf(string document) =>
        Lines(document).First(l => l.StartsWith("kind:", StringComparison.Ordinal))["kind:".Length..].Trim();
}
