using Microsoft.Extensions.Logging;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Keeps every rendered log line (and exception text), so a test can prove what was, and was not, logged.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines) lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
