using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;

using Provisioner.Worker.Intake.Api.Docs;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>DELETE /environments/{id}</c>: asks the saga to deprovision; 404 for an environment that never existed or is
/// another tenant's, with nothing published.
/// </summary>
public static class DeprovisionApi
{
    public static async Task<IResult> DeleteAsync(string id, bool? deleteData, HttpContext http, TenantAccess tenants, IBus bus,
        IOptions<ApiOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http.Request, max, ct) is not { } body) return ApiResults.TooLarge(max);
        DeprovisionRequest request;
        try
        {
            request = body.Length == 0 ? new DeprovisionRequest()
                : JsonSerializer.Deserialize<DeprovisionRequest>(body, RequestReader.Options) ?? new DeprovisionRequest();
        }
        catch (JsonException ex)
        {
            return ApiResults.Malformed($"the body is not valid: {ex.Message}");
        }
        if (deleteData is { } query && request.DeleteData is { } inBody && query != inBody)
            return ApiResults.Invalid([new RequestProblem("deleteData", "the query and the body disagree")]);

        var caller = ApiClient.Of(http).Caller;
        // A saga that only ever refused requests created nothing: there is nothing to delete.
        if (await tenants.FindAsync(id, caller, ct) is not { HasRun: true }) return ApiResults.NotFound(id);
        var command = new DeprovisionEnvironment(request.RequestId ?? Guid.NewGuid(), id, deleteData ?? request.DeleteData ?? false) { Caller = caller };
        await bus.Publish(command, ct);
        return Results.Accepted($"/environments/{Uri.EscapeDataString(id)}", new AcceptedDeprovision(id, command.RequestId, command.DeleteData));
    }
}
