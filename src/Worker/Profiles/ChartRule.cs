namespace Provisioner.Worker.Profiles;

/// <summary>One chart a profile allows: where it comes from, its name, which versions, and optionally the one digest.</summary>
public sealed record ChartRule
{
    /// <summary>A chart repository URL (https), an OCI reference without the chart's name (<c>oci://registry/charts</c>), or an absolute directory holding local charts; <c>*</c> = any (development only).</summary>
    public string Repository { get; init; } = "";

    /// <summary>The chart's name (the last segment of an OCI reference or local path; <c>milvus</c> for a repository URL); <c>*</c> = any.</summary>
    public string Name { get; init; } = "";

    /// <summary>Space-separated comparisons all versions must meet (<c>&gt;=5.0.0 &lt;6.0.0</c>, <c>5.0.19</c>); absent = any version, the latest included.</summary>
    public string? Version { get; init; }

    /// <summary>An OCI chart pinned by content (<c>sha256:…</c>): the request must name it as <c>oci://…/name@sha256:…</c>.</summary>
    public string? Digest { get; init; }

    public override string ToString() => $"{Repository} {Name}{(Version is null ? "" : $" {Version}")}{(Digest is null ? "" : $" @{Digest}")}";
}
