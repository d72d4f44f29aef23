using System.Text.RegularExpressions;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Validation;

/// <summary>Tag limits shared by S3 and IAM; room is left for our own ownership tags.</summary>
public static partial class TagRules
{
    public const int MaxTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    public static IEnumerable<(string Key, string Message)> Check(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null) yield break;
        var room = MaxTags - OwnershipTags.Count;
        if (tags.Count > room) yield return ("", $"at most {room} tags ({MaxTags} less the {OwnershipTags.Count} ownership tags); got {tags.Count}");
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxKeyLength) yield return (key, $"key must be 1 to {MaxKeyLength} characters long");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) yield return (key, "key must not start with the reserved prefix 'aws:'");
            if (OwnershipTags.IsReserved(key))
                yield return (key, "key is reserved for the provisioner's ownership tags");
            if (!TagChars().IsMatch(key)) yield return (key, "key may contain only letters, digits, spaces and _ . : / = + - @");
            if (value.Length > MaxValueLength) yield return (key, $"value must be at most {MaxValueLength} characters long");
            if (!TagChars().IsMatch(value)) yield return (key, "value may contain only letters, digits, spaces and _ . : / = + - @");
        }
    }

    // AWS allows any separator (\p{Z}); only the space kind is taken here, so no line or paragraph separator reaches a log.
    [GeneratedRegex(@"^[\p{L}\p{Zs}\p{N}_.:/=+\-@]*$")] private static partial Regex TagChars();
}
