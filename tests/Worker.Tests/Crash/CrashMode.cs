namespace Provisioner.Worker.Tests.Crash;

/// <summary>Embedded: the default in-memory bus and SQLite, resumed on start. Production: RabbitMQ and PostgreSQL.</summary>
public enum CrashMode
{
    Embedded,
    Production,
}
