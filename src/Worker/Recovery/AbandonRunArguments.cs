namespace Provisioner.Worker.Recovery;

public sealed record AbandonRunArguments(string Reason);
