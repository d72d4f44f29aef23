namespace Provisioner.FaultProxy;

/// <summary>
/// One request as AWS would see it: the service (from the SigV4 credential scope) and the call (an IAM/STS Query
/// <c>Action</c>, a JSON protocol <c>X-Amz-Target</c>, or an S3 operation named from method, path and query).
/// </summary>
public sealed record AwsCall(string Service, string Name, AwsProtocol Protocol)
{
    /// <summary>Requests to the emulator's own API (<c>/moto-api/</c>): forwarded untouched and never counted.</summary>
    public const string EmulatorService = "moto-api";

    /// <summary>A request without a signature we could read: forwarded untouched, counted under this service.</summary>
    public const string UnknownService = "unknown";

    /// <summary>
    /// Whether the call changes something. IAM rate-limits its mutating calls harder than its reads, so a limit can be
    /// set on this class alone. Reads are the Get/List/Head/Describe/Simulate families.
    /// </summary>
    public bool Mutating => !(Name.StartsWith("Get", StringComparison.Ordinal) || Name.StartsWith("List", StringComparison.Ordinal) ||
                              Name.StartsWith("Head", StringComparison.Ordinal) || Name.StartsWith("Describe", StringComparison.Ordinal) ||
                              Name.StartsWith("Simulate", StringComparison.Ordinal) || Name.StartsWith("Receive", StringComparison.Ordinal));

    public override string ToString() => $"{Service}:{Name}";
}
