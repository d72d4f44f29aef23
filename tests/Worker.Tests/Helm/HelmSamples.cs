namespace Provisioner.Worker.Tests.Helm;

/// <summary>
/// Output of the real helm binaries (4.1.4 and 3.18.0, from test.sh), captured verbatim. The release records were
/// written for the capture and served to helm from a scratch stand-in of the Secrets API, so the statuses are chosen
/// but every shape, field name and format is the CLI's own.
/// </summary>
internal static class HelmSamples
{
    /// <summary>Helm 4.1.4 status -o json of a deployed release: adds apply_method and the live objects under info.resources.</summary>
    public const string Helm4StatusDeployed = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:01:00Z","description":"Install complete","status":"deployed","resources":{"v1/ConfigMap":[{"apiVersion":"v1","data":{"default.yaml":"minio: {}"},"kind":"ConfigMap","metadata":{"creationTimestamp":"2025-06-01T12:01:00Z","name":"r-milvus","namespace":"milvus","resourceVersion":"42","uid":"6c1d3f9e-0000-4000-8000-000000000001"}}]}},"config":{"externalS3":{"bucketName":"milvus-tenant-a-67966ad1","cloudProvider":"aws","enabled":true,"host":"s3.us-east-2.amazonaws.com","iamEndpoint":"","port":443,"region":"us-east-2","rootPath":"tenant-a","useIAM":true,"useSSL":true},"milvusProvisioner":{"environment":"tenant-a","managedBy":"milvus-provisioner","requestId":"3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"},"minio":{"enabled":false},"pulsarv3":{"enabled":false},"serviceAccount":{"create":false,"name":"milvus-s3-access-sa"},"woodpecker":{"enabled":true}},"manifest":"---\n# Source: milvus-stub/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-milvus\n  labels:\n    app.kubernetes.io/name: milvus\n    app.kubernetes.io/instance: r\n    helm.sh/chart: milvus-stub-0.1.0\ndata:\n  default.yaml: |\n    minio:\n      address: s3.us-east-2.amazonaws.com\n      port: 443\n      bucketName: milvus-tenant-a-67966ad1\n      rootPath: tenant-a\n      useSSL: true\n      useIAM: true\n      cloudProvider: aws\n      iamEndpoint: \"\"\n      region: us-east-2\n    mq:\n      type: woodpecker\n","version":1,"namespace":"milvus","apply_method":"ssa"}
        """;

    /// <summary>Helm 3.18.0 status -o json of the same release: info.deleted, no live objects.</summary>
    public const string Helm3StatusDeployed = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:01:00Z","deleted":"","description":"Install complete","status":"deployed"},"config":{"externalS3":{"bucketName":"milvus-tenant-a-67966ad1","cloudProvider":"aws","enabled":true,"host":"s3.us-east-2.amazonaws.com","iamEndpoint":"","port":443,"region":"us-east-2","rootPath":"tenant-a","useIAM":true,"useSSL":true},"milvusProvisioner":{"environment":"tenant-a","managedBy":"milvus-provisioner","requestId":"3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"},"minio":{"enabled":false},"pulsarv3":{"enabled":false},"serviceAccount":{"create":false,"name":"milvus-s3-access-sa"},"woodpecker":{"enabled":true}},"manifest":"---\n# Source: milvus-stub/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-milvus\n  labels:\n    app.kubernetes.io/name: milvus\n    app.kubernetes.io/instance: r\n    helm.sh/chart: milvus-stub-0.1.0\ndata:\n  default.yaml: |\n    minio:\n      address: s3.us-east-2.amazonaws.com\n      port: 443\n      bucketName: milvus-tenant-a-67966ad1\n      rootPath: tenant-a\n      useSSL: true\n      useIAM: true\n      cloudProvider: aws\n      iamEndpoint: \"\"\n      region: us-east-2\n    mq:\n      type: woodpecker\n","version":1,"namespace":"milvus"}
        """;

    /// <summary>Helm 4.1.4, revision 3 left pending by an upgrade that died.</summary>
    public const string Helm4StatusPendingUpgrade = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:03:00Z","description":"Preparing upgrade","status":"pending-upgrade"},"config":{"externalS3":{"bucketName":"milvus-tenant-a-67966ad1","cloudProvider":"aws","enabled":true,"host":"s3.us-east-2.amazonaws.com","iamEndpoint":"","port":443,"region":"us-east-2","rootPath":"tenant-a","useIAM":true,"useSSL":true},"milvusProvisioner":{"environment":"tenant-a","managedBy":"milvus-provisioner","requestId":"3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"},"minio":{"enabled":false},"pulsarv3":{"enabled":false},"serviceAccount":{"create":false,"name":"milvus-s3-access-sa"},"woodpecker":{"enabled":true}},"version":3,"namespace":"milvus","apply_method":"ssa"}
        """;

    /// <summary>Helm 3.18.0, the same.</summary>
    public const string Helm3StatusPendingUpgrade = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:03:00Z","deleted":"","description":"Preparing upgrade","status":"pending-upgrade"},"config":{"externalS3":{"bucketName":"milvus-tenant-a-67966ad1","cloudProvider":"aws","enabled":true,"host":"s3.us-east-2.amazonaws.com","iamEndpoint":"","port":443,"region":"us-east-2","rootPath":"tenant-a","useIAM":true,"useSSL":true},"milvusProvisioner":{"environment":"tenant-a","managedBy":"milvus-provisioner","requestId":"3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"},"minio":{"enabled":false},"pulsarv3":{"enabled":false},"serviceAccount":{"create":false,"name":"milvus-s3-access-sa"},"woodpecker":{"enabled":true}},"version":3,"namespace":"milvus"}
        """;

    /// <summary>Helm 4.1.4, an install that died before its first revision was deployed.</summary>
    public const string Helm4StatusPendingInstall = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:01:00Z","description":"Initial install underway","status":"pending-install"},"config":{"externalS3":{"bucketName":"milvus-tenant-a-67966ad1","cloudProvider":"aws","enabled":true,"host":"s3.us-east-2.amazonaws.com","iamEndpoint":"","port":443,"region":"us-east-2","rootPath":"tenant-a","useIAM":true,"useSSL":true},"milvusProvisioner":{"environment":"tenant-a","managedBy":"milvus-provisioner","requestId":"3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11"},"minio":{"enabled":false},"pulsarv3":{"enabled":false},"serviceAccount":{"create":false,"name":"milvus-s3-access-sa"},"woodpecker":{"enabled":true}},"version":1,"namespace":"milvus","apply_method":"ssa"}
        """;

    /// <summary>Helm 4.1.4, a failed release installed without user values: no config at all.</summary>
    public const string Helm4StatusFailedWithoutValues = """
        {"name":"r","info":{"first_deployed":"2025-06-01T12:00:00Z","last_deployed":"2025-06-01T12:01:00Z","description":"Release \"r\" failed: context deadline exceeded","status":"failed"},"version":1,"namespace":"milvus","apply_method":"ssa"}
        """;

    /// <summary>history -o json (Helm 3 and 4 print the same) of a release deployed once.</summary>
    public const string HistoryDeployed = """
        [{"revision":1,"updated":"2025-06-01T12:01:00Z","status":"deployed","chart":"milvus-stub-0.1.0","app_version":"2.6.15-stub","description":"Install complete"}]
        """;

    /// <summary>Three revisions: superseded, deployed, and the pending upgrade on top.</summary>
    public const string HistoryPendingUpgrade = """
        [{"revision":1,"updated":"2025-06-01T12:01:00Z","status":"superseded","chart":"milvus-stub-0.1.0","app_version":"2.6.15-stub","description":"Install complete"},{"revision":2,"updated":"2025-06-01T12:02:00Z","status":"deployed","chart":"milvus-stub-0.1.0","app_version":"2.6.15-stub","description":"Upgrade complete"},{"revision":3,"updated":"2025-06-01T12:03:00Z","status":"pending-upgrade","chart":"milvus-stub-0.1.0","app_version":"2.6.15-stub","description":"Preparing upgrade"}]
        """;

    /// <summary>One revision, never deployed.</summary>
    public const string HistoryPendingInstall = """
        [{"revision":1,"updated":"2025-06-01T12:01:00Z","status":"pending-install","chart":"milvus-stub-0.1.0","app_version":"2.6.15-stub","description":"Initial install underway"}]
        """;

    /// <summary>get values -o json of a release without user values (both versions).</summary>
    public const string ValuesNone = """
        null
        """;

}
