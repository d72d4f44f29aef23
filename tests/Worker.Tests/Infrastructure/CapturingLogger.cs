using Microsoft.Extensions.Logging;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Keeps every rendered log line (and exception text), so a test can prove what was, and was not, logged.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Text)> entries = [];

    public IReadOnlyList<string> Lines => [.. Entries.Select(e => e.Text)];

    /// <summary>The same lines with the level each was logged at.</summary>
    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (entries) return [.. entries];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries) entries.Add((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
