namespace Provisioner.Worker.SagaStore;

/// <summary>
/// What a run recorded, durably, before acting on a resource: that it was creating it (<see cref="Create"/>), or the
/// state it was about to replace (<see cref="Update"/> with <paramref name="Before"/>). A crash, a lost response or a
/// compensation reads it back: an unmarked resource this environment was creating is its own; an update is undone from it.
/// </summary>
public sealed record Intent(string Action, string? Before)
{
    public const string Create = "create";
    public const string Update = "update";

    public bool IsCreate => Action == Create;
}
