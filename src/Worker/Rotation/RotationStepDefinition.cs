using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// The rotation steps retry like stages do (bounded, never a terminal error); what still fails reaches the saga as a
/// <see cref="Fault{T}"/>, which ends the rotation with a refusal that says why.
/// </summary>
public sealed class RotationStepDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    private readonly StageOptions options;

    public RotationStepDefinition(IOptions<StageOptions> options)
    {
        this.options = options.Value;
        ConcurrentMessageLimit = this.options.ConcurrencyOf(Contracts.StageNames.AccessKey);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => StageErrors.Configure(r, options.Retry));
}
