using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Contracts;

/// <summary>Enums travel as the kebab-case names the documents use (<c>compensation-failed</c>), never as numbers.</summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
