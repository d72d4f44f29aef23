using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Tests.Stages.Verify;

/// <summary>
/// A resource that only answers Observe, with what the test says the cluster holds. Verification must never change
/// anything, so every other call fails the test.
/// </summary>
internal sealed class StubResource<TPlan>(Observation observed) : IResource<TPlan>
{
    public int Observed { get; private set; }

    public Task<Observation> ObserveAsync(TPlan plan, string environment, CancellationToken cancellationToken)
    {
        Observed++;
        return Task.FromResult(observed);
    }

    public Task CreateAsync(TPlan plan, CancellationToken cancellationToken) => throw Changed();

    public Task UpdateAsync(TPlan plan, Observation observed, CancellationToken cancellationToken) => throw Changed();

    public Task<string> RestoreAsync(TPlan plan, string state, CancellationToken cancellationToken) => throw Changed();

    public Task DeleteAsync(TPlan plan, CancellationToken cancellationToken) => throw Changed();

    public IReadOnlyDictionary<string, string> Outputs(TPlan plan) => new Dictionary<string, string>();

    private static InvalidOperationException Changed() => new("verification must not change the cluster");
}
