using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Provisioner.Contracts;
using Provisioner.Worker.Intake;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

/// <summary>
/// The request's JSON Schema against the worker's own reading: on a table of requests, what the schema refuses the reader
/// or the validator refuses too, and what it accepts they accept; every example validates; every contract field is in it.
/// </summary>
public sealed class RequestSchemaTests
{
    private const string Base = """{"environment": "tenant-a", "aws": {"region": "us-east-2", "accountId": "123456789012"}, "kubernetes": {"oidcIssuer": "https://oidc.example.com/id/1"}}""";
    private static readonly JsonSchema Schema = JsonSchema.FromText(RequestSchema.Text);

    /// <summary>(case, request as a JSON merge patch over <see cref="Base"/> — null removes a field —, valid).</summary>
    public static TheoryData<string, string, bool> Requests => new()
    {
        { "minimal", """{"kubernetes": null}""", true },
        { "the test request", JsonSerializer.Serialize(TestRequests.Valid(), RequestReader.Options), true },
        { "explicit nulls", """{"requestId": null, "bucket": {"name": null, "kmsKeyId": null, "tags": null}, "milvus": {"chart": null}}""", true },
        { "access-key mode", """{"access": {"mode": "access-key", "userName": "svc-milvus", "secretName": "milvus-keys"}}""", true },
        { "manage false with issuer", """{"kubernetes": {"manage": false}}""", true },
        { "standalone release", """{"milvus": {"release": "milvus-a", "mode": "standalone", "version": "5.0.19", "values": {"a": 1}}}""", true },
        { "SSE-KMS with key", """{"bucket": {"encryption": "SSE-KMS", "kmsKeyId": "alias/milvus", "tags": {"team": "search"}}}""", true },
        { "cross-account grant", """{"crossAccount": [{"principal": "arn:aws:iam::210987654321:role/analytics", "conditions": {"sourceIp": ["203.0.113.0/24"], "notAfter": "2099-01-31T23:59:59Z"}}]}""", true },
        { "ticket", """{"ticket": {"system": "jira", "key": "OPS-1", "callbackUrl": "https://hooks.example.com/x"}}""", true },
        { "unknown field", """{"envirnoment": "x"}""", false },
        { "no environment", """{"environment": null}""", false },
        { "environment upper case", """{"environment": "Tenant_A"}""", false },
        { "environment too long", $$$"""{"environment": "{{{new string('a', 41)}}}"}""", false },
        { "no aws", """{"aws": null}""", false },
        { "region", """{"aws": {"region": "useast"}}""", false },
        { "account id", """{"aws": {"accountId": "12345"}}""", false },
        { "request id", """{"requestId": "not-a-guid"}""", false },
        { "bucket name too short", """{"bucket": {"name": "ab"}}""", false },
        { "encryption", """{"bucket": {"encryption": "AES"}}""", false },
        { "KMS key with SSE-S3", """{"bucket": {"kmsKeyId": "alias/milvus"}}""", false },
        { "object ownership", """{"bucket": {"objectOwnership": "Owner"}}""", false },
        { "aws: tag", """{"bucket": {"tags": {"aws:team": "x"}}}""", false },
        { "tag value too long", $$$$"""{"bucket": {"tags": {"team": "{{{{new string('x', 257)}}}}"}}}""", false },
        { "access mode", """{"access": {"mode": "keys"}}""", false },
        { "permissions", """{"access": {"permissions": "all"}}""", false },
        { "role path", """{"access": {"rolePath": "path"}}""", false },
        { "role name characters", """{"access": {"roleName": "a role"}}""", false },
        { "user name in IRSA mode", """{"access": {"userName": "svc"}}""", false },
        { "access-key without manage", """{"access": {"mode": "access-key"}, "kubernetes": {"manage": false}}""", false },
        { "namespace", """{"kubernetes": {"namespace": "Milvus"}}""", false },
        { "issuer not https", """{"kubernetes": {"oidcIssuer": "http://oidc.example.com"}}""", false },
        { "manage false without issuer", """{"kubernetes": {"manage": false, "oidcIssuer": null}}""", false },
        { "release without manage", """{"kubernetes": {"manage": false}, "milvus": {"release": "m"}}""", false },
        { "milvus mode", """{"milvus": {"mode": "huge"}}""", false },
        { "release name too long", $$$"""{"milvus": {"release": "{{{new string('m', 54)}}}"}}""", false },
        { "chart version", """{"milvus": {"version": "latest"}}""", false },
        { "values not an object", """{"milvus": {"values": [1]}}""", false },
        { "ticket without key", """{"ticket": {"system": "jira"}}""", false },
        { "ticket system too long", $$$"""{"ticket": {"system": "{{{new string('s', 65)}}}", "key": "K"}}""", false },
        { "callback not http", """{"ticket": {"system": "jira", "key": "K", "callbackUrl": "ftp://hooks.example.com"}}""", false },
        { "wildcard principal", """{"crossAccount": [{"principal": "*"}]}""", false },
        { "grant permissions", """{"crossAccount": [{"principal": "arn:aws:iam::210987654321:root", "permissions": "admin"}]}""", false },
        { "empty source ips", """{"crossAccount": [{"principal": "arn:aws:iam::210987654321:root", "conditions": {"sourceIp": []}}]}""", false },
        { "delete data not boolean", """{"deleteData": "yes"}""", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Evaluate_TableOfRequests_AgreesWithTheWorker(string name, string patch, bool valid)
    {
        var json = Request(patch);

        var schemaSays = Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var workerSays = WorkerAccepts(json, out var why);

        Assert.True(valid == workerSays, $"{name}: the worker {(workerSays ? "accepts" : "refuses")} it ({why}); the table says {valid}");
        Assert.True(valid == schemaSays.IsValid, $"{name}: the schema {(schemaSays.IsValid ? "accepts" : "refuses")} it; the worker {(workerSays ? "accepts" : "refuses")} it ({why})");
    }

    [Fact]
    public void Evaluate_EveryExample_IsValid()
    {
        var examples = Directory.GetFiles(RepositoryRoot.Combine("examples"), "*.json");
        Assert.NotEmpty(examples);
        foreach (var file in examples)
        {
            var json = File.ReadAllText(file);
            var result = Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{Path.GetFileName(file)}: {string.Join("; ", Errors(result))}");
            Assert.True(WorkerAccepts(json, out var why), $"{Path.GetFileName(file)}: {why}");
        }
    }

    /// <summary>A field added to a contract without its place in the schema (or left in the schema after removal) fails here.</summary>
    [Fact]
    public void Schema_Properties_AreExactlyTheContractsFields()
    {
        var root = JsonNode.Parse(RequestSchema.Text)!.AsObject();
        var missing = new List<string>();
        Compare(typeof(EnvironmentRequest), root, "", missing);
        Assert.Empty(missing);
    }

    private static void Compare(Type contract, JsonObject schema, string path, List<string> differences)
    {
        var fields = contract.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyType);
        var properties = schema["properties"]!.AsObject();
        differences.AddRange(fields.Keys.Except(properties.Select(p => p.Key)).Select(f => $"{path}{f}: in the contract, not in the schema"));
        differences.AddRange(properties.Select(p => p.Key).Except(fields.Keys).Select(f => $"{path}{f}: in the schema, not in the contract"));
        foreach (var (name, type) in fields)
        {
            if (properties[name] is not JsonObject property) continue;
            var element = Nullable.GetUnderlyingType(type) ?? type;
            if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                (element, property) = (element.GetGenericArguments()[0], property["items"]!.AsObject());
            if (element.Namespace == typeof(EnvironmentRequest).Namespace && element.IsClass && element != typeof(string))
                Compare(element, property, $"{path}{name}.", differences);
        }
    }

    private static bool WorkerAccepts(string json, out string why)
    {
        try
        {
            var problems = RequestValidator.Validate(RequestReader.Parse(json), DateTimeOffset.UtcNow);
            why = problems.Count == 0 ? "no problem" : string.Join("; ", problems);
            return problems.Count == 0;
        }
        catch (RequestFormatException ex)
        {
            why = ex.Message;
            return false;
        }
    }

    private static string Request(string patch) => JsonMergePatch.Apply(JsonNode.Parse(Base)!, JsonNode.Parse(patch)!)!.ToJsonString();

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
}
