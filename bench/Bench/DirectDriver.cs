using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.Verify;
using Provisioner.Worker.Validation;

namespace Provisioner.Bench;

/// <summary>
/// Mode "direct": what one run of the worker does to AWS, with the worker's own classes built as its registration
/// builds them, in the same order, from a plain loop: parse and validate, observe the account (STS), plan, ensure the
/// bucket, the policy and the role (observe, then create), then the verifier's document checks. No saga, no bus, no
/// HTTP intake: the lower bound for our orchestration.
/// </summary>
public sealed class DirectDriver : IDisposable
{
    public const string Mode = "direct";

    private readonly AwsClients aws;
    private readonly IamClient iam;
    private readonly AwsPlanFactsResolver facts;
    private readonly S3BucketResource bucket;
    private readonly IamPolicyResource policy;
    private readonly IamRoleResource role;
    private readonly EnvironmentVerifier verifier;
    private readonly Reconciler reconciler = new(new NoIntents());

    /// <param name="endpoint">Null = AWS_ENDPOINT_URL, as the worker; else the fault proxy.</param>
    public DirectDriver(Uri? endpoint = null)
    {
        // The worker's settings: appsettings.json's Aws section is AwsOptions' defaults; the endpoint comes from
        // AWS_ENDPOINT_URL (or the proxy) and the credentials from the default chain, as in the worker.
        var options = new AwsOptions { EndpointUrl = endpoint?.ToString() };
        aws = new AwsClients(Options.Create(options));
        iam = new IamClient(aws.Credentials, options);
        facts = new AwsPlanFactsResolver(aws);
        bucket = new S3BucketResource(aws, new S3BucketContents(aws), NullLogger<S3BucketResource>.Instance);
        policy = new IamPolicyResource(iam);
        role = new IamRoleResource(iam, new OidcProviders(iam), AwsRegistration.IamConsistencyRetry(options));
        verifier = new EnvironmentVerifier(iam, aws, new S3AccessProbe(aws), Options.Create(new VerifyOptions()));
    }

    public Task<EnvSample[]> RunAsync(IReadOnlyList<string> names, int concurrency) => ClosedLoop.RunAsync(names, concurrency, OneAsync);

    private async Task<EnvSample> OneAsync(string environment)
    {
        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        var segments = new Dictionary<string, double>();
        void Lap(string name)
        {
            segments[name] = step.Elapsed.TotalMilliseconds;
            step.Restart();
        }
        try
        {
            var command = RequestReader.ToCommand(RequestReader.Parse(EnvironmentRequests.Json(environment)));
            var request = command.Request;
            if (RequestValidator.Validate(request, DateTimeOffset.UtcNow) is { Count: > 0 } problems)
                return EnvSample.Failed(environment, 0, string.Join("; ", problems));
            Lap(Segment.ParseValidate);
            var observed = await facts.ResolveAsync(request, CancellationToken.None);
            Lap(Segment.Facts);
            var plan = Planner.Plan(request, command.RequestId, observed);
            Lap(Segment.Plan);
            await reconciler.EnsureAsync(bucket, plan.Bucket, new ResourceKey(plan.RunId, plan.Environment, StageNames.Bucket, plan.Bucket.Name), CancellationToken.None);
            Lap(StageNames.Bucket);
            await reconciler.EnsureAsync(policy, plan.AccessPolicy, new ResourceKey(plan.RunId, plan.Environment, StageNames.AccessPolicy, plan.AccessPolicy.Name),
                CancellationToken.None);
            Lap(StageNames.AccessPolicy);
            await reconciler.EnsureAsync(role, plan.Role, new ResourceKey(plan.RunId, plan.Environment, StageNames.Role, plan.Role.Name), CancellationToken.None);
            Lap(StageNames.Role);
            await verifier.VerifyAsync(plan, CancellationToken.None);
            Lap(StageNames.Verify);
            return new EnvSample(environment, total.Elapsed.TotalMilliseconds, segments);
        }
        catch (Exception ex)
        {
            return EnvSample.Failed(environment, total.Elapsed.TotalMilliseconds, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        iam.Dispose();
        aws.Dispose();
    }
}
