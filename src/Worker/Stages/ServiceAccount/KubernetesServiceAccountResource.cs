using System.Text.Json;
using k8s;
using k8s.Models;
using Provisioner.Contracts;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// The ServiceAccount Milvus runs as, annotated with the IRSA role, in a namespace created when missing.
/// Labels play the part of tags. A foreign ServiceAccount is a conflict unless the request asked to adopt it.
/// Its namespace may hold the release's PersistentVolumeClaims, so deprovisioning decides about data here.
/// </summary>
public sealed class KubernetesServiceAccountResource : IResource<ServiceAccountPlan>, IHoldsData<ServiceAccountPlan>
{
    public const string Annotations = "annotations";
    public const string Labels = "labels";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly KubernetesCalls calls;
    private readonly ILogger<KubernetesServiceAccountResource> logger;
    private readonly ServiceAccountNamespace namespaces;

    public KubernetesServiceAccountResource(KubernetesCalls calls, ILogger<KubernetesServiceAccountResource> logger)
    {
        this.calls = calls;
        this.logger = logger;
        namespaces = new ServiceAccountNamespace(calls, logger);
    }

    public async Task<Observation> ObserveAsync(ServiceAccountPlan plan, string environment, CancellationToken ct)
    {
        var account = await calls.ReadAsync($"read serviceaccount {plan.Namespace}/{plan.Name}",
            (c, t) => c.CoreV1.ReadNamespacedServiceAccountAsync(plan.Name, plan.Namespace, cancellationToken: t), ct);
        if (account is null) return Observation.Missing;
        var labels = account.Metadata.Labels ?? new Dictionary<string, string>();
        var tags = KubernetesLabels.AsTags(labels)!;
        if (!OwnershipTags.IsOwnedBy(tags, environment))
        {
            if (!plan.Adopt) return Observation.Found(tags, []);
            // Adopted, explicitly: ours from now on, but without our run id, so no compensation removes what existed before.
            tags = new Dictionary<string, string>(tags, StringComparer.Ordinal)
            {
                [OwnershipTags.ManagedBy] = OwnershipTags.ManagedByValue,
                [OwnershipTags.Environment] = environment,
            };
        }
        var drift = new List<string>();
        var annotations = account.Metadata.Annotations ?? new Dictionary<string, string>();
        if (plan.Annotations.Any(a => !annotations.TryGetValue(a.Key, out var value) || value != a.Value)) drift.Add(Annotations);
        if (!OwnershipTags.Converged(plan.Labels, labels.AsReadOnly())) drift.Add(Labels);
        var state = new ServiceAccountState(plan.Annotations.Keys.ToDictionary(k => k, k => annotations.TryGetValue(k, out var v) ? v : null),
            KubernetesLabels.WithoutRunId(plan.Labels).Keys.ToDictionary(k => k, k => labels.TryGetValue(k, out var v) ? v : null), drift);
        var differences = new List<string>();
        if (drift.Contains(Annotations)) differences.AddRange(DriftText.Tags("annotation", plan.Annotations, state.Annotations));
        if (drift.Contains(Labels)) differences.AddRange(DriftText.Tags("label", KubernetesLabels.WithoutRunId(plan.Labels), state.Labels));
        return Observation.Found(tags, drift, JsonSerializer.Serialize(state, Json)) with { Differences = differences };
    }

    public async Task CreateAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        var createdNamespace = await namespaces.EnsureAsync(plan, ct);
        try
        {
            await CreateAccountAsync(plan, ct);
        }
        catch when (createdNamespace)
        {
            // Courier does not compensate the failing activity: remove the namespace this call made.
            await namespaces.DeleteIfOursAndEmptyAsync(plan, CancellationToken.None);
            throw;
        }
    }

    public async Task UpdateAsync(ServiceAccountPlan plan, Observation observed, CancellationToken ct)
    {
        var metadata = new Dictionary<string, object>();
        if (observed.Drift.Contains(Annotations)) metadata["annotations"] = plan.Annotations;
        if (observed.Drift.Contains(Labels)) metadata["labels"] = KubernetesLabels.WithoutRunId(plan.Labels);
        if (metadata.Count == 0) return;
        var patch = new V1Patch(new Dictionary<string, object> { ["metadata"] = metadata }, V1Patch.PatchType.MergePatch);
        await calls.RunAsync($"patch serviceaccount {plan.Namespace}/{plan.Name}",
            (c, t) => c.CoreV1.PatchNamespacedServiceAccountAsync(patch, plan.Name, plan.Namespace, cancellationToken: t), ct);
        logger.LogInformation("Updated {Drift} of serviceaccount {Namespace}/{ServiceAccount}", observed.Drift, plan.Namespace, plan.Name);
    }

    /// <summary>The planned annotations and labels go back to the values they had; those that were absent are removed again.</summary>
    public async Task<string> RestoreAsync(ServiceAccountPlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<ServiceAccountState>(state, Json)!;
        var metadata = new Dictionary<string, object>();
        if (before.Drift.Contains(Annotations)) metadata["annotations"] = before.Annotations;
        if (before.Drift.Contains(Labels)) metadata["labels"] = before.Labels;
        if (metadata.Count == 0) return "nothing to restore";
        var patch = new V1Patch(new Dictionary<string, object> { ["metadata"] = metadata }, V1Patch.PatchType.MergePatch);
        await calls.RunAsync($"patch serviceaccount {plan.Namespace}/{plan.Name}",
            (c, t) => c.CoreV1.PatchNamespacedServiceAccountAsync(patch, plan.Name, plan.Namespace, cancellationToken: t), ct);
        return $"{string.Join(", ", before.Drift)} restored";
    }

    public async Task DeleteAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        await DeleteAccountAsync(plan, ct);
        await namespaces.DeleteIfOursAndEmptyAsync(plan, ct);
    }

    /// <summary>The account goes; its namespace too unless it holds anything but ours (PVCs count unless <paramref name="deleteData"/>).</summary>
    public async Task<(string Action, string Detail)> DeprovisionAsync(ServiceAccountPlan plan, bool deleteData, CancellationToken ct)
    {
        await DeleteAccountAsync(plan, ct);
        return await namespaces.DeprovisionAsync(plan, deleteData, ct);
    }

    public async Task<(string Action, string Detail)?> DeprovisionLeftoversAsync(ServiceAccountPlan plan, bool deleteData, CancellationToken ct) =>
        await namespaces.ExistsAsync(plan, ct) ? await namespaces.DeprovisionAsync(plan, deleteData, ct) : null;

    /// <summary>The account is gone; a namespace this run created is removed as its compensation would have.</summary>
    public async Task<(string Action, string Detail)?> CompensateLeftoversAsync(ServiceAccountPlan plan, CancellationToken ct) =>
        await namespaces.CreatedByRunAsync(plan, ct) ? await namespaces.CompensateAsync(plan, ct) : null;

    public IReadOnlyDictionary<string, string> Outputs(ServiceAccountPlan plan) => new Dictionary<string, string>
    {
        ["namespace"] = plan.Namespace,
        ["name"] = plan.Name,
        ["roleArn"] = plan.Annotations.GetValueOrDefault(Planner.RoleArnAnnotation, ""),
    };

    private async Task DeleteAccountAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        if (await calls.DeleteAsync($"delete serviceaccount {plan.Namespace}/{plan.Name}",
                (c, t) => c.CoreV1.DeleteNamespacedServiceAccountAsync(plan.Name, plan.Namespace, cancellationToken: t), ct))
            logger.LogInformation("Deleted serviceaccount {Namespace}/{ServiceAccount}", plan.Namespace, plan.Name);
    }

    private async Task CreateAccountAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        var manifest = new V1ServiceAccount
        {
            Metadata = new V1ObjectMeta
            {
                Name = plan.Name,
                NamespaceProperty = plan.Namespace,
                Labels = plan.Labels.ToDictionary(StringComparer.Ordinal),
                Annotations = plan.Annotations.ToDictionary(StringComparer.Ordinal),
            },
        };
        try
        {
            await calls.RunAsync($"create serviceaccount {plan.Namespace}/{plan.Name}",
                (c, t) => c.CoreV1.CreateNamespacedServiceAccountAsync(manifest, plan.Namespace, cancellationToken: t), ct);
            logger.LogInformation("Created serviceaccount {Namespace}/{ServiceAccount}", plan.Namespace, plan.Name);
        }
        catch (KubernetesApiException ex) when (ex.Kind == KubernetesErrorKind.AlreadyExists)
        {
            await ConvergeRacedAsync(plan, ct);
        }
    }

    /// <summary>Someone created it between our observe and create (a redelivered message): fine if ours, a conflict if not.</summary>
    private async Task ConvergeRacedAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        var environment = KubernetesLabels.EnvironmentOf(plan);
        var observed = await ObserveAsync(plan, environment, ct);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, environment))
            throw new ResourceConflictException(StageNames.ServiceAccount, $"{plan.Namespace}/{plan.Name}",
                $"is not labelled as environment '{environment}' of this provisioner");
        if (!observed.UpToDate) await UpdateAsync(plan, observed, ct);
    }
}
