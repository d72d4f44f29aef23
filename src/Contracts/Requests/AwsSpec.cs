namespace Provisioner.Contracts;

public sealed record AwsSpec
{
    public string Region { get; init; } = "";

    /// <summary>Optional; when given, the worker refuses to run with credentials of another account.</summary>
    public string? AccountId { get; init; }
}
