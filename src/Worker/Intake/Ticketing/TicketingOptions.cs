namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>Bound from <c>Ticketing</c>. Without a <see cref="Secret"/> no callback is sent and every webhook is refused.</summary>
public sealed record TicketingOptions
{
    public const string Section = "Ticketing";

    /// <summary>The HMAC-SHA256 key of callbacks and webhooks, shared with the ticketing system.</summary>
    public string? Secret { get; init; }

    /// <summary>The tenant of the requests the webhook brings in (they act for it, never as admin).</summary>
    public string Tenant { get; init; } = Contracts.Caller.DefaultTenant;

    /// <summary>
    /// Comma list of the hosts a request's <c>ticket.callbackUrl</c> may name: exact (<c>hooks.example.com</c>) or every
    /// subdomain of one (<c>*.example.com</c>). Empty: no request may ask for callbacks.
    /// </summary>
    public string AllowedCallbackHosts { get; init; } = "";

    /// <summary>
    /// Let callbacks connect to loopback, private, link-local and other internal addresses (development and tests only):
    /// otherwise a callback whose host resolves to one is refused when it connects.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>How old (or how far ahead) a webhook's signature time may be.</summary>
    public TimeSpan MaxSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One callback attempt's limit: a hanging receiver costs this much per attempt, and only its own queue.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A callback still undelivered this long after its event is dropped (and logged).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(1);
}
