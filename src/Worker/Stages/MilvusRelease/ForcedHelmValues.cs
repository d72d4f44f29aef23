using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// The values the worker decides, applied over the caller's overrides so that none can change them: who the pods run
/// as (our ServiceAccount; none made by the chart), where the data goes (our bucket in its region, through S3 over TLS,
/// with the role's credentials or our Secret's), and no MinIO of the chart's own. Everything else stays the caller's to
/// override; the ownership marker is added after these, when the release is installed (<see cref="OwnershipMarker"/>).
/// </summary>
public static class ForcedHelmValues
{
    public static JsonObject For(EnvironmentRequest request, string bucket, string s3Host)
    {
        var values = new JsonObject
        {
            ["serviceAccount"] = new JsonObject { ["create"] = false, ["name"] = request.Kubernetes.ServiceAccount },
            ["minio"] = new JsonObject { ["enabled"] = false },
            ["externalS3"] = new JsonObject
            {
                ["enabled"] = true,
                ["host"] = s3Host,
                ["port"] = 443,
                ["useSSL"] = true,
                ["bucketName"] = bucket,
                ["useIAM"] = true,
                ["cloudProvider"] = "aws",
                ["iamEndpoint"] = "",
                ["region"] = request.Aws.Region,
            },
        };
        if (request.Access.Mode == Planner.AccessKeyMode) AccessKeyHelmValues.Force(values);
        return values;
    }

    /// <summary>Merged last, as Helm merges a last values file: each forced key replaces whatever the overrides left there.</summary>
    public static void Apply(JsonObject values, EnvironmentRequest request, string bucket, string s3Host)
    {
        HelmValues.MergeInto(values, For(request, bucket, s3Host));
        if (request.Access.Mode == Planner.AccessKeyMode) AccessKeyHelmValues.ApplyEnv(values, request);
    }
}
