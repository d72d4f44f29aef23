namespace Provisioner.Contracts;

public sealed record GrantConditions
{
    public IReadOnlyList<string>? SourceIp { get; init; }
    public bool RequireMfa { get; init; }
    public DateTimeOffset? NotAfter { get; init; }
}
