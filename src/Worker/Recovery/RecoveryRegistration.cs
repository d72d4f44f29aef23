namespace Provisioner.Worker.Recovery;

/// <summary>
/// The recovery sweeper on every replica; on the in-memory bus also the start-up resumer, because a restart there lost
/// the messages that were in flight (a broker keeps them, and another replica may be working on the run).
/// </summary>
public static class RecoveryRegistration
{
    public static IServiceCollection AddProvisionerRecovery(this IServiceCollection services, bool rabbitMq)
    {
        services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.SweepInterval > TimeSpan.Zero,
                "Recovery:MaxAttempts must be at least 1 and Recovery:SweepInterval positive").ValidateOnStart();
        if (!rabbitMq) services.AddHostedService<UnfinishedRunResumer>();
        services.AddHostedService<RecoverySweeper>();
        return services;
    }
}
