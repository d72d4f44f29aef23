namespace Provisioner.Worker.Hosting;

/// <summary>Bound from <c>Bus:RabbitMq</c>.</summary>
public sealed record RabbitMqOptions
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c> or <c>amqps://…</c>. Holds a password: never logged.</summary>
    public string Url { get; init; } = "";

    public bool TryGetUri(out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps")
            || string.IsNullOrEmpty(parsed.Host)) return false;
        uri = parsed;
        return true;
    }

    /// <summary>Where the broker is, for logs: host, port and virtual host, never the credentials.</summary>
    public static string Describe(Uri uri)
    {
        var port = uri.Port > 0 ? uri.Port : uri.Scheme == "amqps" ? 5671 : 5672;
        return $"{uri.Scheme}://{uri.Host}:{port}{uri.AbsolutePath}";
    }
}
