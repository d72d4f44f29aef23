namespace Provisioner.Worker.Stages;

/// <summary>
/// One cloud resource, in the shape of Crossplane's ExternalClient: the caller always observes first.
/// Create and Delete are idempotent; neither knows anything of MassTransit.
/// </summary>
public interface IResource<in TPlan>
{
    /// <summary>Does it exist, is it ours, does it match the plan?</summary>
    Task<Observation> ObserveAsync(TPlan plan, string environment, CancellationToken cancellationToken);

    Task CreateAsync(TPlan plan, CancellationToken cancellationToken);

    /// <summary>Converge an existing resource of ours to the plan, touching only what drifted.</summary>
    Task UpdateAsync(TPlan plan, Observation observed, CancellationToken cancellationToken);

    Task DeleteAsync(TPlan plan, CancellationToken cancellationToken);

    /// <summary>Names and ARNs to report; derived from the plan, so they are known before any call.</summary>
    IReadOnlyDictionary<string, string> Outputs(TPlan plan);
}
