namespace Provisioner.Worker.Validation;

/// <summary>
/// The request's JSON Schema (draft 2020-12), kept beside the contracts (<c>src/Contracts/Requests/request.schema.json</c>)
/// and embedded here: served at <c>/schemas/request.json</c> and printed by the <c>schema</c> verb. It refuses a subset
/// of what <see cref="RequestValidator"/> refuses; the validator stays the authority.
/// </summary>
public static class RequestSchema
{
    public const string Route = "/schemas/request.json";
    public const string MediaType = "application/schema+json";

    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(RequestSchema).Assembly.GetManifestResourceStream("request.schema.json")
            ?? throw new InvalidOperationException("the request schema is not embedded in the worker");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
