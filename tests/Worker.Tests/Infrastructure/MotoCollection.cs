namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Test classes in this collection share one moto_server (and run one after another).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
