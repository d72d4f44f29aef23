using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>One request of the chaos test: its environment, its shape and the state it must end in.</summary>
public sealed record ChaosRun(string Environment, string Kind, JsonObject Request)
{
    public const string DoomedKind = "doomed";

    /// <summary>Fails at `role` (a stranger holds the role's name) and compensates what it made.</summary>
    public bool Doomed => Kind == DoomedKind;

    public string ExpectedState => Doomed ? "rolled-back" : "provisioned";

    /// <summary>30 requests: IRSA with the ServiceAccount left to the caller, managed, with a grant, access-key, and doomed.</summary>
    public static IReadOnlyList<ChaosRun> Mixed(string prefix)
    {
        var kinds = new (string Kind, int Count, Func<string, JsonObject> Request)[]
        {
            ("irsa", 8, CrashShapes.Irsa), ("managed", 6, CrashShapes.Managed), ("grants", 6, CrashShapes.WithGrant),
            ("accesskey", 4, CrashShapes.AccessKeyMode), (DoomedKind, 6, CrashShapes.Irsa),
        };
        var runs = new List<ChaosRun>();
        foreach (var (kind, count, request) in kinds)
        {
            for (var i = 0; i < count; i++)
            {
                var environment = $"{prefix}-{kind[..2]}{i}";
                runs.Add(new ChaosRun(environment, kind, request(environment)));
            }
        }
        return runs;
    }
}
