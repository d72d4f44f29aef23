namespace Provisioner.Worker.Stages.AccessKey;

/// <summary>What an update of the key's Secret replaces: the region it held and its labels; and what drifted. Never the key.</summary>
public sealed record AccessKeyState(string? Region, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Drift);
