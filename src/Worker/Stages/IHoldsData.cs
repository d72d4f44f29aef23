namespace Provisioner.Worker.Stages;

/// <summary>
/// A resource that holds the tenant's data (the bucket). Deprovisioning keeps it unless the request asks for the data
/// to be deleted, and then removes the data first; compensation never goes this way (it refuses a resource with data).
/// </summary>
public interface IHoldsData<in TPlan>
{
    /// <returns>The action (<c>retained</c> or <c>deleted</c>) and what to report about it.</returns>
    Task<(string Action, string Detail)> DeprovisionAsync(TPlan plan, bool deleteData, CancellationToken cancellationToken);
}
