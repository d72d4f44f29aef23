namespace Provisioner.Worker.Cli;

/// <summary>How <c>apply</c>, <c>destroy</c> and <c>rotate-key</c> show a run's progress on stderr.</summary>
public enum ProgressMode
{
    /// <summary>stderr is a terminal: a stage list redrawn in place, with elapsed times.</summary>
    Live,

    /// <summary>stderr is a file or a pipe: one plain line per event.</summary>
    Lines,

    /// <summary><c>--output json</c>: one JSON object per event (<c>{time, type, event}</c>).</summary>
    Json,
}
