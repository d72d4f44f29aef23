namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Tests of production mode share one PostgreSQL and one RabbitMQ (a database and a virtual host each) and run one
/// after another: a worker process or two each, on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<PostgresServer>, ICollectionFixture<RabbitMqServer>
{
    public const string Name = "production";
}
