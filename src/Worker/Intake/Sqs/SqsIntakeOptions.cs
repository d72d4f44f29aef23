namespace Provisioner.Worker.Intake.Sqs;

/// <summary>Bound from <c>Intake:Sqs</c>. An empty <see cref="QueueUrl"/> turns the listener off.</summary>
public sealed record SqsIntakeOptions
{
    public const string Section = "Intake:Sqs";

    public string? QueueUrl { get; init; }

    /// <summary>The tenant every request on this queue acts for (never as admin): bind one queue per tenant.</summary>
    public string Tenant { get; init; } = Contracts.Caller.DefaultTenant;

    /// <summary>Where refused messages go, with the reasons as message attributes. Empty = the queue's redrive policy.</summary>
    public string? DeadLetterQueueUrl { get; init; }

    /// <summary>Empty = read from the queue URL, else <c>AWS_REGION</c>.</summary>
    public string? Region { get; init; }

    /// <summary>Messages being accepted at once.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Messages per receive call (SQS allows 1–10).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Long-poll wait per receive call (SQS allows 0–20).</summary>
    public int WaitTimeSeconds { get; init; } = 20;

    /// <summary>How long a received message stays hidden; renewed while it is being accepted.</summary>
    public int VisibilityTimeoutSeconds { get; init; } = 30;
}
