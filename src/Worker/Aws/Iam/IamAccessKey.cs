namespace Provisioner.Worker.Aws.Iam;

/// <summary>A new access key. The secret is shown by IAM once; it must never reach a log, an event or an error.</summary>
public sealed record IamAccessKey(string AccessKeyId, string SecretAccessKey)
{
    public override string ToString() => $"IamAccessKey {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}
