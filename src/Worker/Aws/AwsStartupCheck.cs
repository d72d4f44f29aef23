using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Provisioner.Worker.Aws;

/// <summary>
/// At start-up, one line saying whether AWS is usable: the account and endpoint, or what is missing (no credentials, no
/// answer from STS). Readiness (<c>aws</c>) reports the same until it is fixed; a failed check is tried again every
/// <see cref="RetryInterval"/>, so a worker started before its credentials or its emulator becomes ready by itself.
/// </summary>
public sealed class AwsStartupCheck(AwsClients aws, ILogger<AwsStartupCheck> logger) : BackgroundService, IHealthCheck
{
    public const string Name = "aws";
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private volatile string? problem = "not checked yet";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(problem is { } p ? HealthCheckResult.Unhealthy(p) : HealthCheckResult.Healthy());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? reported = null;
        while (true)
        {
            problem = await ProblemAsync(stoppingToken);
            if (problem is null) return;
            if (problem != reported) logger.LogWarning("{Problem}; runs fail at plan until this is fixed", problem);
            reported = problem;
            await Task.Delay(RetryInterval, stoppingToken);
        }
    }

    private async Task<string?> ProblemAsync(CancellationToken stoppingToken)
    {
        if (AwsCredentialCheck.Problem(aws) is { } missing) return missing;
        var region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } r ? r : "us-east-1";
        var endpoint = AwsEndpoints.Resolve("STS", aws.Options.EndpointUrl)?.ToString() ?? $"sts.{region}.amazonaws.com";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var identity = await aws.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), timeout.Token);
            logger.LogInformation("AWS: account {Account} as {Identity} through {Endpoint}", identity.Account, identity.Arn, endpoint);
            return null;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The SDK lets a refused connection through as HttpRequestException: anything but stopping is an answer here.
            return $"no answer from STS at {endpoint} ({ex.GetType().Name}: {FirstLine(ex.Message)})";
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
