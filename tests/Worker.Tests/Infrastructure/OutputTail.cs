using System.Diagnostics;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Drains a child process's output (a full pipe would block it) and keeps the last lines for failure messages.
/// </summary>
public sealed class OutputTail(int maxLines = 60)
{
    private readonly Queue<string> lines = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (lines) return string.Join(Environment.NewLine, lines);
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > maxLines) lines.Dequeue();
        }
    }
}
