namespace Provisioner.Contracts;

public sealed record TicketReference
{
    public string System { get; init; } = "";
    public string Key { get; init; } = "";
    public string? CallbackUrl { get; init; }
}
