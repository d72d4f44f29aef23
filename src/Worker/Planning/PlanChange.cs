namespace Provisioner.Worker.Planning;

/// <summary>
/// What a reconcile would do to one stage's resource, against what is applied: <c>created</c>, <c>updated</c> (with
/// the plan fields that differ), <c>unchanged</c>, or <c>removed</c> (a resource this plan replaces, removed once the run
/// succeeded). <paramref name="Note"/> says why, where the change alone does not.
/// </summary>
public sealed record PlanChange(string Stage, string Resource, string Change, IReadOnlyList<string> Fields, string? Note = null)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Removed = "removed";
}
