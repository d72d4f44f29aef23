namespace Provisioner.Contracts;

/// <summary>
/// Remove the environment's resources in reverse order. The bucket and its objects are retained unless
/// <paramref name="DeleteData"/> is set; then every object version and delete marker goes first.
/// </summary>
public sealed record DeprovisionEnvironment(Guid RequestId, string Environment, bool DeleteData)
{
    /// <summary>Who asks; null is taken as <see cref="Contracts.Caller.Anonymous"/>.</summary>
    public Caller? Caller { get; init; }
}
