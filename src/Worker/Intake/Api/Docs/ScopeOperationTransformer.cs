using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Provisioner.Worker.Intake.Api.Docs;

/// <summary>A route behind the client filter gets the bearer requirement, its scopes, and the 401 and 403 it can answer.</summary>
public sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var required = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().FirstOrDefault();
        if (required is null) return Task.CompletedTask;
        var document = context.Document;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.Scheme, document)] = [] }];
        operation.Description = $"Scope: '{required}'. {operation.Description}".TrimEnd();
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem("no bearer token, or not a configured client's (WWW-Authenticate: Bearer)", document));
        operation.Responses.TryAdd("403", Problem($"the client lacks the scope '{required}', or a foreign Origin", document));
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document) },
        },
    };
}
