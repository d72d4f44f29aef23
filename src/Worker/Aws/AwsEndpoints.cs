namespace Provisioner.Worker.Aws;

/// <summary>
/// Resolves a service endpoint the way every AWS SDK does: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL.
/// </summary>
public static class AwsEndpoints
{
    public static Uri? Resolve(string serviceEnvName, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new Uri(configured);
        var specific = Environment.GetEnvironmentVariable($"AWS_ENDPOINT_URL_{serviceEnvName}");
        if (!string.IsNullOrWhiteSpace(specific)) return new Uri(specific);
        var general = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        return string.IsNullOrWhiteSpace(general) ? null : new Uri(general);
    }
}
