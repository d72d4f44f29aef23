namespace Provisioner.Worker.Intake;

public sealed class RequestFormatException(string message) : Exception(message);
