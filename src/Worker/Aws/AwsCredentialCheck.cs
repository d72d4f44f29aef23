using Amazon.Runtime;

namespace Provisioner.Worker.Aws;

/// <summary>
/// Whether the worker has AWS credentials at all, said in words a newcomer can act on, before any call: the SDK's own
/// answer to a missing chain lists four providers' errors (or, on some set-ups, asks for a Signature V4a package).
/// </summary>
public static class AwsCredentialCheck
{
    public const string Missing = "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
        + "(or give the worker an IRSA role or an instance profile), or AWS_ENDPOINT_URL for a local emulator (with any key, "
        + "e.g. AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing)";

    /// <summary>Null when the default chain (or the credentials given) yields credentials; else <see cref="Missing"/>.</summary>
    public static string? Problem(AwsClients aws)
    {
        try
        {
            _ = aws.Credentials;
            return null;
        }
        catch (AmazonClientException)
        {
            return Missing;
        }
    }
}
