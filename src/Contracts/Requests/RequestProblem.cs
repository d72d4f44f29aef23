namespace Provisioner.Contracts;

/// <summary>One thing wrong with a request, with the JSON path of the field (e.g. <c>bucket.name</c>).</summary>
public sealed record RequestProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
