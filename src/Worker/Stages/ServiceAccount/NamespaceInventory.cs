namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// What a namespace holds besides what Kubernetes puts in every namespace and our own objects; or, when that could not
/// be found out, why (<paramref name="Unchecked"/>), so nothing is removed on a guess.
/// </summary>
internal sealed record NamespaceInventory(IReadOnlyList<NamespacedObject> Others, string? Unchecked)
{
    private const int NamesShown = 5;

    public static NamespaceInventory CannotCheck(string why) => new([], why);

    /// <summary><c>it holds PersistentVolumeClaims (data-etcd-0), ConfigMaps (a, b)</c>: claims first, as they are data.</summary>
    public static string Describe(IEnumerable<NamespacedObject> objects) =>
        "it holds " + string.Join(", ", objects.GroupBy(o => o.Kind).OrderBy(g => g.First().IsClaim ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{Plural(g.Key)} ({string.Join(", ", g.Select(o => o.Name).Take(NamesShown))}{(g.Count() > NamesShown ? ", …" : "")})"));

    private static string Plural(string kind) =>
        kind.EndsWith("ss", StringComparison.Ordinal) ? kind + "es"
        : kind.EndsWith('s') ? kind
        : kind.EndsWith('y') && !"aeiou".Contains(kind[^2], StringComparison.Ordinal) ? kind[..^1] + "ies"
        : kind + "s";
}
