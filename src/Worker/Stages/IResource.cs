namespace Provisioner.Worker.Stages;

/// <summary>
/// One cloud resource, in the shape of Crossplane's ExternalClient: the caller always observes first.
/// Create and Delete are idempotent; neither knows anything of MassTransit.
/// </summary>
public interface IResource<in TPlan>
{
    /// <summary>Does it exist, is it ours, how does it differ from the plan (whoever owns it), and what would an update replace?</summary>
    Task<Observation> ObserveAsync(TPlan plan, string environment, CancellationToken cancellationToken);

    Task CreateAsync(TPlan plan, CancellationToken cancellationToken);

    /// <summary>Converge an existing resource of ours to the plan, touching only what drifted.</summary>
    Task UpdateAsync(TPlan plan, Observation observed, CancellationToken cancellationToken);

    /// <summary>
    /// Puts back what an update replaced: <paramref name="state"/> is the <see cref="Observation.State"/> observed before it.
    /// </summary>
    /// <returns>What was restored, for the compensation event (and what could not be, said plainly).</returns>
    Task<string> RestoreAsync(TPlan plan, string state, CancellationToken cancellationToken);

    Task DeleteAsync(TPlan plan, CancellationToken cancellationToken);

    /// <summary>Names and ARNs to report; derived from the plan, so they are known before any call.</summary>
    IReadOnlyDictionary<string, string> Outputs(TPlan plan);
}
