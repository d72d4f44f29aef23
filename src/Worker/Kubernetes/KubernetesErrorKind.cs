namespace Provisioner.Worker.Kubernetes;

public enum KubernetesErrorKind
{
    /// <summary>Retrying cannot help: 422 Invalid, 403 Forbidden, 401, 400 and anything unknown.</summary>
    Terminal,

    /// <summary>429, 5xx, timeouts, network errors: retry with bounded backoff.</summary>
    Retryable,

    /// <summary>404: for a read, "absent"; for a delete, "done".</summary>
    NotFound,

    /// <summary>409 AlreadyExists: a create raced another writer; re-read and judge ownership.</summary>
    AlreadyExists,

    /// <summary>409 Conflict: a stale resourceVersion; re-read and apply again.</summary>
    Conflict,
}
