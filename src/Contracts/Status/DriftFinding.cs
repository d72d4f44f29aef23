namespace Provisioner.Contracts;

/// <summary>
/// One resource of the applied request that no longer matches it: <paramref name="Kind"/> is <c>missing</c> (deleted by
/// someone), <c>foreign</c> (our ownership tags were removed: reported, never touched) or <c>changed</c>, with each
/// setting that differs in <paramref name="Differences"/>.
/// </summary>
public sealed record DriftFinding(string Stage, string Resource, string Kind, IReadOnlyList<string> Differences);
