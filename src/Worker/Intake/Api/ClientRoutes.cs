namespace Provisioner.Worker.Intake.Api;

/// <summary>The routes clients call: no forged browser request gets in, then the client is authenticated and its scope checked.</summary>
public static class ClientRoutes
{
    public static RouteGroupBuilder MapClientRoutes(this IEndpointRouteBuilder app) =>
        app.MapGroup("").AddEndpointFilter<BrowserForgeryFilter>().AddEndpointFilter<ClientAuthenticationFilter>();

    /// <summary>Served to a client holding any one of <paramref name="anyOf"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(anyOf));
}
