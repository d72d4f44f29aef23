namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>What an upgrade replaces: the release's revision before it, and that revision's status.</summary>
public sealed record ReleaseState(int Revision, string Status);
