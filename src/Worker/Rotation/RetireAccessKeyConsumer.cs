using MassTransit;

namespace Provisioner.Worker.Rotation;

/// <summary>Rotation's last step, after the grace period: the old key deactivated, then deleted.</summary>
public sealed class RetireAccessKeyConsumer(IKeyRotationSteps steps, TimeProvider clock) : IConsumer<RetireAccessKey>
{
    public async Task Consume(ConsumeContext<RetireAccessKey> context)
    {
        var m = context.Message;
        var deactivated = await steps.RetireAsync(m, context.CancellationToken);
        await context.Publish(new AccessKeyRetired(m.CorrelationId, m.RotationId, m.OldKeyId, deactivated, clock.GetUtcNow()),
            context.CancellationToken);
    }
}
