using System.Net;
using System.Text;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Answers the first calls from a script (a response, or an exception to throw), then passes the rest to the inner
/// handler, counting every call: makes a client's retries observable.
/// </summary>
public sealed class ScriptedHandler : DelegatingHandler
{
    private readonly Queue<Func<HttpResponseMessage>> script;
    private int calls;

    public ScriptedHandler(HttpMessageHandler inner, params Func<HttpResponseMessage>[] script) : base(inner) =>
        this.script = new Queue<Func<HttpResponseMessage>>(script);

    public int Calls => calls;

    public static Func<HttpResponseMessage> Respond(HttpStatusCode status, string body) =>
        () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    public static Func<HttpResponseMessage> Throw(Exception exception) => () => throw exception;

    public static string IamError(string code, string message = "scripted") =>
        $"""<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>""";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Func<HttpResponseMessage>? next;
        lock (script) script.TryDequeue(out next);
        return next is null ? base.SendAsync(request, cancellationToken) : Task.FromResult(next());
    }
}
