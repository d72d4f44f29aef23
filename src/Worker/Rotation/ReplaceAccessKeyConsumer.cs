using MassTransit;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Rotation;

/// <summary>Rotation's first step; its answer tells the saga when the grace period of the old key ends.</summary>
public sealed class ReplaceAccessKeyConsumer(IKeyRotationSteps steps, IOptions<AccessKeyOptions> options, TimeProvider clock)
    : IConsumer<ReplaceAccessKey>
{
    public async Task Consume(ConsumeContext<ReplaceAccessKey> context)
    {
        var m = context.Message;
        var replaced = await steps.ReplaceAsync(m, context.CancellationToken);
        var now = clock.GetUtcNow();
        await context.Publish(new AccessKeyReplaced(m.CorrelationId, m.RotationId, replaced.OldKeyId, replaced.NewKeyId,
            replaced.RestartedWorkloads, now + options.Value.RotationGrace, now), context.CancellationToken);
    }
}
