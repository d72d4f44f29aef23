using System.Text.Json;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// Counts runs from the events this replica publishes: a run's start and its outcome are published once, after the saga
/// is saved (the saga endpoint's outbox), so a retried saga transaction does not count twice.
/// </summary>
public sealed class RunMetricsObserver : IPublishObserver
{
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        var type = context.Message.GetType();
        if (type == typeof(EnvironmentRunStarted)) ProvisionerMetrics.RunStarted();
        else if (OutletEvents.IsOutcome(type)) ProvisionerMetrics.RunFinished(OutcomeName(type));
        return Task.CompletedTask;
    }

    /// <summary><c>EnvironmentRolledBack</c> → <c>rolled_back</c>, <c>AccessKeyRotated</c> → <c>access_key_rotated</c>.</summary>
    public static string OutcomeName(Type outcome) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.Name.StartsWith("Environment", StringComparison.Ordinal) ? outcome.Name["Environment".Length..] : outcome.Name);

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
