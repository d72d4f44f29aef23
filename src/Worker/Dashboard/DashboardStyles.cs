namespace Provisioner.Worker.Dashboard;

/// <summary>The dashboard's one stylesheet, served from the worker so the Content-Security-Policy can stay <c>'self'</c>.</summary>
public static class DashboardStyles
{
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
        header { background: #1d2330; padding: 0.6rem 1.2rem; }
        header a { color: #fff; text-decoration: none; font-weight: 600; }
        main { padding: 1rem 1.2rem; max-width: 1100px; }
        table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 1.2rem; }
        th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #e2e5ea; vertical-align: top; }
        code, .arn { font-family: ui-monospace, monospace; font-size: 0.85em; word-break: break-all; }
        .state { padding: 0.1rem 0.5rem; border-radius: 0.6rem; font-size: 0.85em; background: #e2e5ea; }
        .state-provisioned, .state-deprovisioned { background: #d3f0dc; }
        .state-rolled-back, .state-rejected, .state-drifted { background: #fde2c8; }
        .state-compensation-failed, .state-deprovision-failed { background: #f8c9c9; }
        .state-running, .state-deprovisioning, .state-rotating { background: #d6e4fb; }
        .failure { background: #fff1f0; border-left: 4px solid #c62828; padding: 0.5rem 0.8rem; margin-bottom: 1rem; }
        .error { color: #c62828; }
        .muted { color: #6b7280; font-size: 0.9em; }
        svg.timeline { background: #fff; width: 100%; height: auto; margin-bottom: 1.2rem; }
        svg.timeline text { font-size: 12px; fill: #1d2330; }
        .bar-completed { fill: #2e7d32; }
        .bar-failed { fill: #c62828; }
        .bar-compensated { fill: #ef6c00; }
        .bar-compensation-failed { fill: #7f0000; }
        .bar-pending { fill: #1565c0; }
        .bar-skipped { fill: #b0b6bf; }
        .compensation { stroke: #ef6c00; stroke-width: 3; }
        form label { display: block; margin-bottom: 0.6rem; }
        """;
}
