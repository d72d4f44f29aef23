using MassTransit;
using Provisioner.Contracts;

namespace Provisioner.Worker.Rotation;

/// <summary>A rotation outside the saga: it changes no stage, and is refused while a run of the environment is in progress.</summary>
public sealed class RotateAccessKeyConsumer(KeyRotation rotation, ILogger<RotateAccessKeyConsumer> logger) : IConsumer<RotateAccessKey>
{
    public async Task Consume(ConsumeContext<RotateAccessKey> context)
    {
        var refusal = await rotation.RunAsync(context.Message, e => context.Publish(e, context.CancellationToken), context.CancellationToken);
        if (refusal is not null)
            logger.LogWarning("Rotation of {Environment} refused: {Reason}", context.Message.Environment, refusal);
    }
}
