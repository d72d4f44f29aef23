namespace Provisioner.Worker.Helm;

public enum HelmErrorKind
{
    /// <summary>Retrying cannot help: a chart that does not render, invalid values, a refused flag, missing rights.</summary>
    Terminal,

    /// <summary>The cluster or the chart source did not answer, timed out, or another operation holds the release.</summary>
    Retryable,

    /// <summary>The release does not exist: an answer, not a failure, for status, history and uninstall.</summary>
    NotFound,
}
