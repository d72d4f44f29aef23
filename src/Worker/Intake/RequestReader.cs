using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.Contracts;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake;

/// <summary>Reads the request JSON strictly: an unknown field is a typo the caller wants to hear about.</summary>
public static class RequestReader
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // "aws": null would otherwise reach the validator as a null section; it is a malformed request, said so here.
        RespectNullableAnnotations = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <exception cref="RequestFormatException">Not JSON, or not the request's shape.</exception>
    public static EnvironmentRequest Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EnvironmentRequest>(json, Options)
                ?? throw new RequestFormatException("the request is empty (null)");
        }
        catch (JsonException ex)
        {
            // The parser's message quotes the request (an unknown property's name): escaped, as it may reach a log.
            throw new RequestFormatException($"the request is not valid: {TextRules.Printable(ex.Message, 512)}");
        }
    }

    /// <summary>The request's own id, or a new one: the id is the idempotency key of everything that follows.</summary>
    public static ProvisionEnvironment ToCommand(EnvironmentRequest request, Guid? fallback = null) =>
        new(request.RequestId ?? fallback ?? Guid.NewGuid(), request);
}
