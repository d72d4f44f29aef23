namespace Provisioner.Worker.Intake.Api;

/// <summary>Bound from <c>Api</c>.</summary>
public sealed record ApiOptions
{
    public const string Section = "Api";

    /// <summary>The bearer token every route but the probes and the signed webhook needs. Empty = open, but only on loopback binds.</summary>
    public string? Token { get; init; }

    /// <summary>Larger bodies get 413.</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;
}
