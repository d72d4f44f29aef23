using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Worker.Tests.Intake;
using static Provisioner.Worker.Tests.Security.ApiCorpusFixture;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// The security corpus of the HTTP API: every request here must be refused before anything is published or any cloud
/// call is made. Client <c>a</c> and <c>b</c> are tenants team-a and team-b with every scope but admin.
/// </summary>
internal static class ApiCorpus
{
    private const string NotAvailable = "the name 'corpus-a' is not available; choose another";
    private const string Pinned = "cannot change after the environment was provisioned";
    private const string NotJson = "the request's Content-Type must be application/json";
    private const string NoControl = "must not contain control characters, line breaks or bidirectional overrides";
    private const string NotAllowedHost = "is not one callbacks may go to (Ticketing:AllowedCallbackHosts)";
    private const string ForeignOrigin = "requests from this origin are not served";

    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Delete = HttpMethod.Delete;

    private static string Request(string environment, Action<JsonObject>? change = null) => IntakeJson.Request(environment, change: change);

    private static string Fresh(Action<JsonObject> change) => Request(ApiCorpusFixture.Fresh, change);

    private static string Ticket(string callbackUrl, string system = "jira", string key = "OPS-1") => Fresh(j => j["ticket"] = new JsonObject
    {
        ["system"] = system, ["key"] = key, ["callbackUrl"] = callbackUrl,
    });

    private static string Ticketed(string system, string key) => Ticket("https://hooks.example.com/t", system, key);

    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    private static AttackCase Refused(string? client, HttpMethod method, string path, string? body, HttpStatusCode status, string refusal) =>
        new(client, method, path, body, status, refusal);

    private static AttackCase Invalid(string client, string body, string field, string message) =>
        new(client, Post, "/environments", body, HttpStatusCode.BadRequest, message, field);

    private static AttackCase NotJsonPost(string? contentType) =>
        new("a", Post, "/environments", Fresh(_ => { }), HttpStatusCode.UnsupportedMediaType, NotJson, ContentType: contentType);

    private static AttackCase WithHeader(string name, string value, HttpStatusCode status, string refusal, HttpMethod? method = null) =>
        new("a", method ?? Post, "/environments", method == Get ? null : Fresh(_ => { }), status, refusal, Headers: Header(name, value));

    public static readonly IReadOnlyDictionary<string, AttackCase> Cases = new Dictionary<string, AttackCase>
    {
        // Another tenant's environment: indistinguishable from one that does not exist.
        ["cross-tenant read"] = Refused("b", Get, $"/environments/{OwnedByA}", null, HttpStatusCode.NotFound, $"no environment named '{OwnedByA}'"),
        ["cross-tenant read by a reader"] = Refused("a-reader", Get, $"/environments/{OwnedByB}", null, HttpStatusCode.NotFound, "no environment named"),
        ["cross-tenant reconcile"] = Invalid("b", Request(OwnedByA), "environment", NotAvailable),
        ["cross-tenant reconcile to take the identity over"] = Invalid("b", Request(OwnedByA, j =>
        {
            j["kubernetes"] = new JsonObject
            {
                ["manage"] = false, ["namespace"] = "attacker", ["oidcIssuer"] = "https://oidc.attacker.test/id/X", ["createOidcProvider"] = true,
            };
            j["crossAccount"] = new JsonArray(new JsonObject { ["principal"] = "arn:aws:iam::210987654321:root", ["permissions"] = "read-write" });
        }), "environment", NotAvailable),
        ["cross-tenant deprovision"] = Refused("b", Delete, $"/environments/{OwnedByA}", null, HttpStatusCode.NotFound, "no environment named"),
        ["cross-tenant deprovision with its data"] = Refused("b", Delete, $"/environments/{OwnedByA}?deleteData=true", """{"deleteData":true}""",
            HttpStatusCode.NotFound, "no environment named"),
        ["cross-tenant key rotation"] = Refused("b", Post, $"/environments/{OwnedByA}/rotate-key", null, HttpStatusCode.NotFound, "no environment named"),

        // Scopes and tokens.
        ["submit without the submit scope"] = Refused("a-reader", Post, "/environments", Fresh(_ => { }), HttpStatusCode.Forbidden,
            "the client 'a-reader' lacks the scope 'submit'"),
        ["deprovision without the deprovision scope"] = Refused("a-reader", Delete, $"/environments/{OwnedByA}", null, HttpStatusCode.Forbidden,
            "lacks the scope 'deprovision'"),
        ["rotate without the rotate scope"] = Refused("a-reader", Post, $"/environments/{OwnedByA}/rotate-key", null, HttpStatusCode.Forbidden,
            "lacks the scope 'rotate'"),
        ["no token"] = Refused(null, Post, "/environments", Fresh(_ => { }), HttpStatusCode.Unauthorized, "a bearer token is required"),
        ["a token no client has"] = Refused("!guessed", Post, "/environments", Fresh(_ => { }), HttpStatusCode.Unauthorized, "the bearer token is not valid"),
        ["a client's digest sent as its token"] = Refused("!digest-of-a", Get, "/environments", null, HttpStatusCode.Unauthorized, "not valid"),

        // What the first run pinned: the owner's own reconcile may not change it.
        ["pinned oidcIssuer"] = Invalid("a", Request(OwnedByA, j => j["kubernetes"]!["oidcIssuer"] = "https://oidc.attacker.test/id/X"),
            "kubernetes.oidcIssuer", Pinned),
        ["pinned namespace"] = Invalid("a", Request(OwnedByA, j => j["kubernetes"]!["namespace"] = "attacker"), "kubernetes.namespace", Pinned),
        ["pinned serviceAccount"] = Invalid("a", Request(OwnedByA, j => j["kubernetes"]!["serviceAccount"] = "attacker-sa"),
            "kubernetes.serviceAccount", Pinned),
        ["pinned access mode"] = Invalid("a", Request(OwnedByA, j => j["access"] = new JsonObject { ["mode"] = "access-key" }), "access.mode", Pinned),
        ["pinned accountId"] = Invalid("a", Request(OwnedByA, j => j["aws"]!["accountId"] = "210987654321"), "aws.accountId", Pinned),

        // Shapes a web page can send without a preflight.
        ["text/plain body"] = NotJsonPost("text/plain"),
        ["form body"] = NotJsonPost("application/x-www-form-urlencoded"),
        ["multipart body"] = NotJsonPost("multipart/form-data; boundary=x"),
        ["body without a content type"] = NotJsonPost(null),
        ["text/plain dressed as JSON"] = NotJsonPost("text/plain; charset=application/json"),
        ["body-less DELETE without a content type"] = new("a", Delete, $"/environments/{OwnedByA}", null, HttpStatusCode.UnsupportedMediaType,
            NotJson, ContentType: null),
        ["body-less rotate-key without a content type"] = new("a", Post, $"/environments/{OwnedByA}/rotate-key", null,
            HttpStatusCode.UnsupportedMediaType, NotJson, ContentType: null),
        ["text/plain plan"] = new("a", Post, "/plans", Fresh(_ => { }), HttpStatusCode.UnsupportedMediaType, NotJson, ContentType: "text/plain"),
        ["foreign Origin"] = WithHeader("Origin", "https://evil.example.com", HttpStatusCode.Forbidden, ForeignOrigin),
        ["Origin null"] = WithHeader("Origin", "null", HttpStatusCode.Forbidden, ForeignOrigin),
        ["foreign Origin on a read"] = WithHeader("Origin", "https://evil.example.com", HttpStatusCode.Forbidden, ForeignOrigin, Get),
        ["Origin with the allowed one as a prefix"] = WithHeader("Origin", $"{AllowedOrigin}.evil.test", HttpStatusCode.Forbidden, ForeignOrigin),
        ["foreign Host (DNS rebinding)"] = WithHeader("Host", "evil.example.com", HttpStatusCode.BadRequest, ""),
        ["Host naming loopback through a wildcard DNS"] = WithHeader("Host", "127.0.0.1.nip.io", HttpStatusCode.BadRequest, ""),
        ["Host starting with localhost"] = WithHeader("Host", "localhost.evil.example.com", HttpStatusCode.BadRequest, ""),

        // Callbacks only where the operator allows, never inside.
        ["callback to a host not allowed"] = Invalid("a", Ticket("https://evil.example.com/hook"), "ticket.callbackUrl", NotAllowedHost),
        ["callback to an allowed host as a prefix"] = Invalid("a", Ticket("https://hooks.example.com.evil.test/hook"), "ticket.callbackUrl",
            NotAllowedHost),
        ["callback to the worker's own API"] = Invalid("a", Ticket($"http://127.0.0.1:8080/environments/{OwnedByB}/rotate-key"),
            "ticket.callbackUrl", NotAllowedHost),
        ["callback to the metadata address"] = Invalid("a", Ticket("https://169.254.169.254/latest/meta-data/"), "ticket.callbackUrl",
            "internal address"),
        ["callback to the IPv6 metadata address"] = Invalid("a", Ticket("https://[fd00:ec2::254]/latest/"), "ticket.callbackUrl", "internal address"),
        ["callback to an IPv4-mapped metadata address"] = Invalid("a", Ticket("https://[::ffff:169.254.169.254]/"), "ticket.callbackUrl",
            "internal address"),
        ["callback to IPv6 loopback"] = Invalid("a", Ticket("https://[::1]/hook"), "ticket.callbackUrl", "internal address"),
        ["callback to a private network"] = Invalid("a", Ticket("https://10.0.0.5/hook"), "ticket.callbackUrl", "internal address"),
        ["callback to localhost"] = Invalid("a", Ticket("https://localhost/hook"), "ticket.callbackUrl", NotAllowedHost),

        // Text that would forge or hide a log line.
        ["newline in ticket.key"] = Invalid("a", Ticketed("jira", "OPS-1\n[INF] Provisioned tenant-x"), "ticket.key", NoControl),
        ["CRLF in ticket.system"] = Invalid("a", Ticketed("jira\r\n[INF] forged", "OPS-1"), "ticket.system", NoControl),
        ["line separator in a tag value"] = Invalid("a", Fresh(j => j["bucket"] = new JsonObject { ["tags"] = new JsonObject { ["team"] = "a\u2028b" } }),
            "bucket.tags.team", "value may contain only"),
        ["terminal escape in the region, echoed escaped"] = Invalid("a", Fresh(j => j["aws"]!["region"] = "us-east-2\u001b[31m"), "aws.region",
            "'us-east-2\\u001b[31m' is not an AWS region"),
        ["newline in the environment"] = Invalid("a", Request("corpus\nx"), "environment", "RFC 1123"),
        ["newline in a route's environment"] = Refused("a", Delete, "/environments/corpus-a%0A%5BINF%5D", null, HttpStatusCode.NotFound, "no environment"),

        // Oversize fields.
        ["ticket.system of 65 characters"] = Invalid("a", Ticketed(new string('s', 65), "OPS-1"), "ticket.system", "at most 64 characters"),
        ["ticket.key of 129 characters"] = Invalid("a", Ticketed("jira", new string('k', 129)), "ticket.key", "at most 128 characters"),
        ["callbackUrl of 2049 characters"] = Invalid("a", Ticket("https://hooks.example.com/" + new string('p', 2023)), "ticket.callbackUrl",
            "at most 2048 characters"),
        ["milvus.release of 54 characters"] = Invalid("a", Fresh(j => j["milvus"] = new JsonObject { ["release"] = new string('m', 54) }),
            "milvus.release", "1 to 53 characters"),
        ["tag value of 257 characters"] = Invalid("a", Fresh(j => j["bucket"] = new JsonObject { ["tags"] = new JsonObject { ["team"] = new string('v', 257) } }),
            "bucket.tags.team", "at most 256 characters"),
        ["environment of 41 characters"] = Invalid("a", Request(new string('e', 41)), "environment", "1 to 40 characters"),
        ["body over the limit"] = Refused("a", Post, "/environments", Fresh(j => j["bucket"] = new JsonObject
        {
            ["tags"] = new JsonObject { ["pad"] = new string('x', MaxRequestBytes) },
        }), HttpStatusCode.RequestEntityTooLarge, "Api:MaxRequestBytes"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);
}
