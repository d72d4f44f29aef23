namespace Provisioner.Worker.Drift;

/// <summary>Bound from <c>Drift</c>: the scheduled, observe-only check of every provisioned environment.</summary>
public sealed record DriftOptions
{
    public const string Section = "Drift";

    /// <summary><c>report</c> (default), <c>repair</c> or <c>off</c>; a request's <c>drift</c> field can lower it for its environment.</summary>
    public DriftMode Mode { get; init; } = DriftMode.Report;

    /// <summary>How often each environment is checked.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Each next check is <see cref="Interval"/> ± this fraction of it, at random, so checks do not bunch up.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>How often a replica looks for environments whose check is due.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many checks a minute per replica, one at a time, so checks never crowd out runs.</summary>
    public int MaxChecksPerMinute { get; init; } = 30;

    /// <summary>How long a replica holds an environment while it checks it; a replica that dies frees it after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public bool IsValid => Interval > TimeSpan.Zero && SweepInterval > TimeSpan.Zero && Lease > TimeSpan.Zero
        && Jitter is >= 0 and < 1 && MaxChecksPerMinute >= 1;
}
