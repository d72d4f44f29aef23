namespace Provisioner.Worker.Saga;

public sealed class PlanFactsException(string message, Exception? inner = null) : Exception(message, inner);
