namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Tests that set variables in this test process's own environment. They run alone, after every parallel test, so no
/// other test (an in-process host reading its configuration, a child it starts) sees what they set.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
