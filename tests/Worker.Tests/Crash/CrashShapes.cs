using System.Text.Json.Nodes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>The request shapes of the crash matrix (issue 12): every stage, every mode, a reconcile, a rollback, a deprovision.</summary>
public static class CrashShapes
{
    public const string ForeignReader = "arn:aws:iam::210987654321:role/milvus-reader";

    public static readonly CrashShape Manifest = new("manifest", "provisioned") { Act = Irsa };

    public static readonly CrashShape Release = new("release", "provisioned") { Act = ManagedWithRelease, NeedsCluster = true, NeedsHelm = true };

    public static readonly CrashShape AccessKey = new("accesskey", "provisioned") { Act = AccessKeyMode, NeedsCluster = true };

    public static readonly CrashShape Grants = new("grants", "provisioned") { Act = WithGrant };

    public static readonly CrashShape Reconcile = new("reconcile", "provisioned") { Prepare = Irsa, Act = Changed };

    public static readonly CrashShape FailLast = new("faillast", "rolled-back")
    {
        Act = ManagedWithRelease, NeedsCluster = true, NeedsHelm = true, LeavesNothing = true,
        Settings = new Dictionary<string, string> { ["Testing__FailStage"] = "verify" },
    };

    public static readonly CrashShape Deprovision = new("deprovision", "deprovisioned")
    {
        Prepare = ManagedWithRelease, NeedsCluster = true, NeedsHelm = true, LeavesNothing = true,
    };

    public static readonly IReadOnlyList<CrashShape> All = [Manifest, Release, AccessKey, Grants, Reconcile, FailLast, Deprovision];

    /// <summary>IRSA, the ServiceAccount left to the caller (<c>manage: false</c>), the OIDC provider created.</summary>
    public static JsonObject Irsa(string environment) => new()
    {
        ["environment"] = environment,
        ["aws"] = new JsonObject { ["region"] = "us-east-2" },
        ["bucket"] = new JsonObject { ["tags"] = new JsonObject { ["team"] = "search" } },
        ["access"] = new JsonObject { ["mode"] = "irsa", ["permissions"] = "read-write" },
        ["kubernetes"] = new JsonObject
        {
            ["namespace"] = environment, ["manage"] = false, ["createOidcProvider"] = true,
            ["oidcIssuer"] = $"https://oidc.example.test/id/{environment.ToUpperInvariant()}",
        },
    };

    public static JsonObject ManagedWithRelease(string environment)
    {
        var request = Managed(environment);
        request["milvus"] = new JsonObject { ["release"] = environment, ["chart"] = HelmProcess.StubChart, ["mode"] = "standalone" };
        return request;
    }

    public static JsonObject AccessKeyMode(string environment)
    {
        var request = Managed(environment);
        request["access"]!["mode"] = "access-key";
        return request;
    }

    public static JsonObject WithGrant(string environment)
    {
        var request = Irsa(environment);
        request["crossAccount"] = new JsonArray(new JsonObject { ["principal"] = ForeignReader, ["permissions"] = "read-only" });
        return request;
    }

    /// <summary>The IRSA request with a bucket setting, a tag and the permissions changed: every AWS stage has work.</summary>
    private static JsonObject Changed(string environment)
    {
        var request = Irsa(environment);
        request["bucket"] = new JsonObject { ["versioning"] = true, ["tags"] = new JsonObject { ["team"] = "ranking" } };
        request["access"]!["permissions"] = "read-only";
        return request;
    }

    /// <summary>The worker manages the ServiceAccount; the issuer is the stand-in cluster's, whose provider exists already.</summary>
    public static JsonObject Managed(string environment)
    {
        var request = Irsa(environment);
        request["kubernetes"] = new JsonObject { ["namespace"] = environment, ["manage"] = true };
        return request;
    }
}
