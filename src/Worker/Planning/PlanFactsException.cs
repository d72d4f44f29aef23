namespace Provisioner.Worker.Planning;

public sealed class PlanFactsException(string message, Exception? inner = null) : Exception(message, inner);
