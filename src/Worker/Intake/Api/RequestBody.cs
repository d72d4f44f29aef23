using System.Text;

namespace Provisioner.Worker.Intake.Api;

/// <summary>Reads a request body up to a limit; past it, the caller answers 413 without reading the rest.</summary>
public static class RequestBody
{
    /// <returns>The body's bytes, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
