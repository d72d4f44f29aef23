using System.Text.Json;

namespace Provisioner.Worker.Runs;

/// <summary>Reads Courier's loosely typed dictionaries (log data, variables) into typed values.</summary>
public static class CourierData
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static JsonSerializerOptions Options => Json;

    public static T? Read<T>(IDictionary<string, object>? data)
    {
        if (data is null) return default;
        var element = JsonSerializer.SerializeToElement(data, Options);
        return element.Deserialize<T>(Options);
    }

    public static T? ReadValue<T>(IDictionary<string, object>? data, string key)
    {
        var match = data?.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        return match?.Value is { } value ? JsonSerializer.SerializeToElement(value, Options).Deserialize<T>(Options) : default;
    }

    public static string? ReadString(IDictionary<string, object>? data, string key)
    {
        if (data is null) return null;
        var match = data.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        return match.Value switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.ToString(),
            var other => other.ToString(),
        };
    }
}
