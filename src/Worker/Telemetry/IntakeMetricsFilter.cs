namespace Provisioner.Worker.Telemetry;

/// <summary>Counts a way in's answers past authentication: 202 is accepted, a 4xx (malformed, invalid, too large) rejected.</summary>
public sealed class IntakeMetricsFilter(string source) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var status = (result as IStatusCodeHttpResult)?.StatusCode;
        if (status == StatusCodes.Status202Accepted) ProvisionerMetrics.IntakeRequest(source, "accepted");
        else if (status is >= 400 and < 500) ProvisionerMetrics.IntakeRequest(source, "rejected");
        return result;
    }
}
