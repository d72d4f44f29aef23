using System.Text.Json;

namespace Provisioner.Contracts;

public sealed record MilvusSpec
{
    public string Release { get; init; } = "milvus";

    /// <summary>A chart repository URL, an <c>oci://</c> reference or a local path.</summary>
    public string? Chart { get; init; }

    public string? Version { get; init; }

    /// <summary><c>cluster</c> (default) or <c>standalone</c>.</summary>
    public string Mode { get; init; } = "cluster";

    /// <summary>Caller's Helm value overrides, merged over the generated values.</summary>
    public JsonElement? Values { get; init; }
}
