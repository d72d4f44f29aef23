using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>
/// What the generator cannot see: the bearer scheme, and <c>/readyz</c> and <c>/metrics</c>, which the health checks
/// and the Prometheus exporter map without a handler method for the generator to describe.
/// </summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Scheme = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Milvus environment provisioner";
        document.Info.Description = "Routes, scopes and answers: docs/api.md. Errors are RFC 9457 problem details. "
            + "The request's JSON Schema: GET /schemas/request.json.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token of a client configured under Api:Clients (docs/security.md).",
        };
        document.Paths ??= [];
        document.Paths["/readyz"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = "Readiness: the bus and the saga store answer",
                    Tags = new HashSet<OpenApiTagReference> { new("Probes", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Json("ready: {status, checks: {name: status}}"),
                        ["503"] = Json("not ready: {status, checks: {name: status}}"),
                    },
                },
            },
        };
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = "Prometheus metrics (text format); scope metrics unless Telemetry:AnonymousMetrics (docs/observability.md)",
                    Tags = new HashSet<OpenApiTagReference> { new("Probes", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "the Prometheus text exposition",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiResponse Json(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
    };
}
