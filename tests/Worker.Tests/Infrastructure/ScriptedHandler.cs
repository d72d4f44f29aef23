using System.Net;
using System.Text;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Answers the first calls from a script (a response, an exception to throw, or a step that passes the call on and then
/// loses the answer), then passes the rest to the inner handler, counting every call: makes a client's retries observable.
/// </summary>
public sealed class ScriptedHandler : DelegatingHandler
{
    private readonly Queue<Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>> script;
    private int calls;

    public ScriptedHandler(HttpMessageHandler inner, params Func<HttpResponseMessage>[] script)
        : this(inner, script.Select(step => (Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>)(_ => Task.FromResult(step()))).ToArray())
    {
    }

    public ScriptedHandler(HttpMessageHandler inner, params Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>[] script) : base(inner) =>
        this.script = new Queue<Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>>(script);

    public int Calls => calls;

    public static Func<HttpResponseMessage> Respond(HttpStatusCode status, string body) =>
        () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    public static Func<HttpResponseMessage> Throw(Exception exception) => () => throw exception;

    /// <summary>The call reaches the server and is carried out; its answer is lost on the way back.</summary>
    public static Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> ForwardThenThrow(Exception exception) => async forward =>
    {
        using var _ = await forward();
        throw exception;
    };

    public static string IamError(string code, string message = "scripted") =>
        $"""<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>""";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>>? next;
        lock (script) script.TryDequeue(out next);
        return next is null ? base.SendAsync(request, cancellationToken) : next(() => base.SendAsync(request, cancellationToken));
    }
}
