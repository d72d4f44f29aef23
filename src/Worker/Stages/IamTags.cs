namespace Provisioner.Worker.Stages;

/// <summary>IAM merges tags (unlike S3's whole-set replace): restoring means re-tagging the old values and untagging what was added.</summary>
public static class IamTags
{
    public static async Task RestoreAsync(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> planned,
        Func<IReadOnlyDictionary<string, string>, Task> tag, Func<IEnumerable<string>, Task> untag)
    {
        if (before.Count > 0) await tag(before);
        var added = planned.Keys.Where(k => !before.ContainsKey(k) && k != Planning.OwnershipTags.RunId).ToList();
        if (added.Count > 0) await untag(added);
    }
}
