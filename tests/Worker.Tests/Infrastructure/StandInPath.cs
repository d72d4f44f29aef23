namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A REST path of a kind the stand-in serves: <c>/api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]</c> or the same
/// under <c>/apis/GROUP/VERSION</c>. <see cref="Namespace"/> is empty for a cluster-scoped kind or an all-namespaces list.
/// </summary>
public sealed record StandInPath(StandInResourceType Type, string Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;

    public static StandInPath? Parse(StandInResourceTypes types, string path)
    {
        var parts = path.Trim('/').Split('/');
        var (group, version, rest) = parts switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => ("", "", Array.Empty<string>()),
        };
        if (version.Length == 0 || rest.Length == 0) return null;
        if (rest is ["namespaces", var ns, var plural, .. var item] && types.Find(group, version, plural) is { Namespaced: true } namespaced)
            return item.Length <= 2 ? new StandInPath(namespaced, ns, item.ElementAtOrDefault(0), item.ElementAtOrDefault(1)) : null;
        if (types.Find(group, version, rest[0]) is not { } type || rest.Length > 3) return null;
        if (type.Namespaced && rest.Length > 1) return null;
        return new StandInPath(type, "", rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2));
    }
}
