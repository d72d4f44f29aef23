using System.Net;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// One request an attacker (or a careless client) sends, and the refusal it must get: the status, and the field and
/// message of the validation problem, or a part of the problem's detail.
/// </summary>
/// <param name="Client">The client whose token is sent; null = none; a token no client has when it starts with <c>!</c>.</param>
/// <param name="ContentType">null = the body goes without one.</param>
internal sealed record AttackCase(string? Client, HttpMethod Method, string Path, string? Body, HttpStatusCode Status, string Refusal,
    string? Field = null, string? ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null);
