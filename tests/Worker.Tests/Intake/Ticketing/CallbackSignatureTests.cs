using System.Text;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Tests.Intake.Ticketing;

public sealed class CallbackSignatureTests
{
    private const string Secret = "s3cret";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"a":1}""");
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    [Fact]
    public void Create_KnownInput_HmacOfTimeDotBody()
    {
        // Computed outside .NET: python3 hmac.new(b's3cret', b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        Assert.Equal("t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940",
            CallbackSignature.Create(Secret, At, Body));
    }

    [Fact]
    public void Check_FreshSignature_Accepted()
    {
        Assert.Null(CallbackSignature.Check(Secret, CallbackSignature.Create(Secret, At, Body), Body, At.AddMinutes(4), Skew, out var t));
        Assert.Equal(1_700_000_000, t);
    }

    [Fact]
    public void Check_SecondSignatureMatches_Accepted()
    {
        var header = $"t=1700000000,v1={new string('0', 64)},{CallbackSignature.Create(Secret, At, Body).Split(',')[1]}";

        Assert.Null(CallbackSignature.Check(Secret, header, Body, At, Skew, out _));
    }

    public static TheoryData<string?, string, int, string> Refusals => new()
    {
        { null, """{"a":1}""", 0, "missing" },
        { "t=1700000000", """{"a":1}""", 0, "not t=" },
        { "t=abc,v1=" + new string('0', 64), """{"a":1}""", 0, "not t=" },
        { "t=1700000000,v1=zz", """{"a":1}""", 0, "not t=" },
        { "sign:other-secret", """{"a":1}""", 0, "does not match" },
        { "sign", """{"a":2}""", 0, "does not match" },
        { "sign", """{"a":1}""", -301, "stale" },
        { "sign", """{"a":1}""", 301, "stale" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Check_BadOrStaleSignature_RefusedWithReason(string? header, string body, int secondsFromNow, string reason)
    {
        var signed = header switch
        {
            "sign" => CallbackSignature.Create(Secret, At.AddSeconds(secondsFromNow), Body),
            "sign:other-secret" => CallbackSignature.Create("other", At, Body),
            _ => header,
        };

        var problem = CallbackSignature.Check(Secret, signed, Encoding.UTF8.GetBytes(body), At, Skew, out _);

        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
    }
}
