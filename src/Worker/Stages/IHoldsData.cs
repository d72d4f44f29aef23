namespace Provisioner.Worker.Stages;

/// <summary>
/// A resource that holds the tenant's data (the bucket; a namespace with the release's volume claims). Deprovisioning
/// keeps the data unless the request asks for it to be deleted, and then removes the data first; compensation never
/// deletes data that existed before its run.
/// </summary>
public interface IHoldsData<in TPlan>
{
    /// <returns>The action (<c>retained</c> or <c>deleted</c>) and what to report about it.</returns>
    Task<(string Action, string Detail)> DeprovisionAsync(TPlan plan, bool deleteData, CancellationToken cancellationToken);

    /// <summary>
    /// The resource itself is gone, but what an earlier deprovisioning kept for its data may not be (a namespace kept
    /// for its claims): a later deprovisioning comes back for it. Null when nothing is left.
    /// </summary>
    Task<(string Action, string Detail)?> DeprovisionLeftoversAsync(TPlan plan, bool deleteData, CancellationToken cancellationToken) =>
        Task.FromResult<(string Action, string Detail)?>(null);

    /// <summary>
    /// Compensation found the resource gone, but what it sits in may be this run's and left over (a crash between
    /// deleting a ServiceAccount and its namespace): removed the way compensation would have. Null when nothing is left.
    /// </summary>
    Task<(string Action, string Detail)?> CompensateLeftoversAsync(TPlan plan, CancellationToken cancellationToken) =>
        Task.FromResult<(string Action, string Detail)?>(null);
}
