using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Tests.Sip;

public sealed class SipMessagePropertyTests
{
    private static readonly string[] Methods = ["INVITE", "BYE", "REGISTER", "OPTIONS", "INFO", "X-CUSTOM"];

    private static Gen<string> Token() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~".ToCharArray()).NonEmptyListOf().Select(cs => new string(cs.Take(20).ToArray()));

    private static Gen<string> HeaderValue() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789 ;=,<>:@\"/.-_ÄŁż".ToCharArray()).ListOf().Select(cs => new string(cs.Take(60).ToArray()).Trim());

    private static Gen<SipMessage> Messages() =>
        from isRequest in Gen.Elements(true, false)
        from method in Gen.Elements(Methods)
        from user in Token()
        from code in Gen.Choose(100, 699)
        from extra in Gen.Zip(Token().Select(t => "X-" + t), HeaderValue()).ListOf()
        from body in Gen.Elements(new byte[] { 0, 1, 13, 10, 255, 65 }).ListOf()
        from branch in Token()
        select Build(isRequest, method, user, code, extra.Take(15).ToList(), body.Take(300).ToArray(), branch);

    private static SipMessage Build(bool isRequest, string method, string user, int code, List<(string, string)> extra, byte[] body, string branch)
    {
        SipMessage m = isRequest ? new SipRequest(method, $"sip:{user}@example.com") : new SipResponse(code, "Reason " + user);
        m.AddHeader("Via", $"SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK{branch}");
        m.AddHeader("From", $"<sip:{user}@example.com>;tag=abc");
        m.AddHeader("To", "<sip:bob@example.com>");
        m.AddHeader("Call-ID", user + "@host");
        m.AddHeader("CSeq", $"1 {method}");
        foreach (var (name, value) in extra)
        {
            m.AddHeader(name, value);
        }

        m.Body = body;
        return m;
    }

    [Property(MaxTest = 300)]
    public Property Serialize_then_parse_is_the_identity() => Prop.ForAll(Messages().ToArbitrary(), message =>
    {
        var parsed = SipMessageParser.Parse(message.ToBytes());
        bool same = parsed.Headers.SequenceEqual(message.Headers) && parsed.Body.SequenceEqual(message.Body) && parsed.ToString() == message.ToString();
        return same.Label($"round trip of {message}");
    });

    [Property(MaxTest = 500)]
    public Property Random_bytes_never_throw_anything_but_SipParseException(byte[] data) => Prop.ToProperty(Survives(data));

    [Property(MaxTest = 300)]
    public Property Mutated_valid_messages_never_throw_anything_but_SipParseException() => Prop.ForAll(
        Messages().ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), (message, position, value) =>
        {
            byte[] bytes = message.ToBytes();
            bytes[position % bytes.Length] = (byte)value;
            bool truncatedOk = Survives(bytes.AsSpan(0, position % bytes.Length).ToArray());
            return Survives(bytes) && truncatedOk;
        });

    private static bool Survives(byte[] data)
    {
        try
        {
            var m = SipMessageParser.Parse(data);
            _ = m.ToBytes();
            return true;
        }
        catch (SipParseException)
        {
            return true;
        }
    }
}
