using System.Text.Encodings.Web;

namespace Provisioner.Worker.Dashboard;

/// <summary>
/// The page around every view, and its headers: a Content-Security-Policy that allows only this worker's stylesheet — no
/// script, no inline style, no frame, forms only to itself — so even text that slipped past encoding could not run.
/// </summary>
public static class DashboardHtml
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Every piece of text that is not a constant of ours goes through here.</summary>
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static IResult Page(HttpContext http, string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{Encode(title)} · Milvus provisioner</title>
            <link rel="stylesheet" href="{DashboardRoutes.Root}/dashboard.css">
            </head>
            <body>
            <header><a href="{DashboardRoutes.Root}">Milvus provisioner</a></header>
            <main>
            <h1>{Encode(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
