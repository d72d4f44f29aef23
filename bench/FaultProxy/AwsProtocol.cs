namespace Provisioner.FaultProxy;

/// <summary>How a service shapes its errors, which decides how a throttled request is answered.</summary>
public enum AwsProtocol
{
    /// <summary>IAM, STS: form-encoded <c>Action=</c>, errors as <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c> XML.</summary>
    Query,

    /// <summary>S3: REST with XML errors <c>&lt;Error&gt;&lt;Code&gt;</c>.</summary>
    RestXml,

    /// <summary>SQS and other JSON services: <c>X-Amz-Target</c>, errors as JSON with <c>__type</c>.</summary>
    Json,

    /// <summary>Not an AWS call we recognise.</summary>
    Other,
}
