namespace Provisioner.Worker.Runs;

/// <summary>The part of a stage log the saga reads back (see <c>StageLog</c>).</summary>
public sealed record LoggedStage(string? Action, Dictionary<string, string>? Outputs, Guid? CreatedBy = null);
