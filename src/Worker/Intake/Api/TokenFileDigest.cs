namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// The digest of the token in a mounted file, read again when the file was looked at more than a second ago and its
/// content changed (a Secret rotated in place). A file that has gone or is empty matches no token.
/// </summary>
public sealed class TokenFileDigest(string path, TimeProvider clock)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private byte[]? digest;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;

    public string Path => path;

    /// <summary>The token's digest now; null when the file cannot be read or holds no token.</summary>
    public byte[]? Current()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now - readAt < RefreshEvery) return digest;
            readAt = now;
            digest = Read(path);
            return digest;
        }
    }

    /// <summary>The token's digest in <paramref name="file"/>, or null when the file is missing, unreadable or empty.</summary>
    public static byte[]? Read(string file)
    {
        try
        {
            var token = File.ReadAllText(file).Trim();
            return token.Length == 0 ? null : TokenDigest.Of(token);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
