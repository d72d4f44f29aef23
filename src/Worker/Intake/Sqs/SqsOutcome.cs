namespace Provisioner.Worker.Intake.Sqs;

/// <summary>What became of one received message.</summary>
public enum SqsOutcome
{
    /// <summary>Published on the bus and deleted.</summary>
    Accepted,

    /// <summary>Refused: copied to the dead-letter queue with the reasons, and deleted.</summary>
    DeadLettered,

    /// <summary>Refused, no dead-letter queue configured: left for the queue's redrive policy.</summary>
    LeftForRedrive,

    /// <summary>Not accepted (stopping, or the bus refused): it is shown again for another try.</summary>
    Returned,
}
