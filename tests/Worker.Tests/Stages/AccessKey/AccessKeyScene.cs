using System.Text;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.AccessKey;

/// <summary>An access-key-mode environment against moto and a fresh Kubernetes stand-in: bucket, policy, user ready.</summary>
internal sealed class AccessKeyScene : IAsyncDisposable
{
    private AccessKeyScene(MotoServer moto, ResourceHarness aws, KubernetesHarness k8s, EnvironmentPlan plan)
    {
        (Aws, K8s, Plan) = (aws, k8s, plan);
        User = new IamUserResource(aws.Iam, AwsRegistration.IamConsistencyRetry(moto.Options));
        Key = new AccessKeySecretResource(aws.Iam, k8s.Calls, Log);
    }

    public ResourceHarness Aws { get; }

    public KubernetesHarness K8s { get; }

    public EnvironmentPlan Plan { get; }

    public IamUserResource User { get; }

    public AccessKeySecretResource Key { get; }

    public CapturingLogger<AccessKeySecretResource> Log { get; } = new();

    public AccessKeyPlan KeyPlan => Plan.AccessKey!;

    public CancellationToken Ct => Aws.Ct;

    public static EnvironmentRequest Request(string environment)
    {
        var request = TestEnvironments.Request(environment);
        return request with
        {
            Access = request.Access with { Mode = Planner.AccessKeyMode },
            Kubernetes = request.Kubernetes with { Manage = true, OidcIssuer = null, Namespace = environment },
        };
    }

    public static async Task<AccessKeyScene> StartAsync(MotoServer moto, string prefix, bool withUser = true)
    {
        var aws = new ResourceHarness(moto);
        var k8s = await KubernetesHarness.StartAsync();
        var request = Request(TestEnvironments.NewName(prefix));
        Assert.Empty(Provisioner.Worker.Validation.RequestValidator.Validate(request, DateTimeOffset.UtcNow));
        var plan = Planner.Plan(request, Guid.NewGuid(), new PlanFacts(MotoServer.AccountId, PlanFacts.UnknownIssuer));
        var scene = new AccessKeyScene(moto, aws, k8s, plan);
        await TestReconciler.EnsureAsync(aws.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name, plan.Environment, scene.Ct);
        await TestReconciler.EnsureAsync(aws.Policy, plan.AccessPolicy, StageNames.AccessPolicy, plan.AccessPolicy.Name, plan.Environment, scene.Ct);
        if (withUser) await scene.EnsureUserAsync();
        return scene;
    }

    public Task<string> EnsureUserAsync() =>
        TestReconciler.EnsureAsync(User, Plan.User!, StageNames.IamUser, Plan.User!.Name, Plan.Environment, Ct);

    public Task<string> EnsureKeyAsync() =>
        TestReconciler.EnsureAsync(Key, KeyPlan, StageNames.AccessKey, KeyPlan.SecretName, Plan.Environment, Ct);

    public async Task<IReadOnlyList<string>> KeyIdsAsync() =>
        (await Aws.Iam.Users.ListAccessKeysAsync(KeyPlan.UserName, Ct)).Select(k => k.AccessKeyId).ToList();

    /// <summary>The Secret's value for <paramref name="key"/>, decoded; null when the Secret or the key is missing.</summary>
    public string? SecretValue(string key)
    {
        var data = K8s.StandIn.Find("secrets", KeyPlan.Namespace, KeyPlan.SecretName)?["data"]?[key]?.GetValue<string>();
        return data is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(data));
    }

    public async ValueTask DisposeAsync()
    {
        Aws.Dispose();
        await K8s.DisposeAsync();
    }
}
