using System.Buffers.Binary;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Converts between CTIP lines and <see cref="CtipMessage"/> models. Parsing works on the line's bytes and
/// decodes only the values a model keeps; writing produces <c>a</c> + command + fields + CR LF.
/// </summary>
/// <remarks>
/// A typed message is returned only when its fields are in the exact spelling the writer produces, so writing a
/// parsed message reproduces the line byte for byte. Anything else with a known command word is malformed: see
/// <see cref="CtipReaderOptions.UnparseableAsUnknown"/>.
/// </remarks>
public static partial class CtipCodec
{
    private const uint LOGI = 'L' | ('O' << 8) | ('G' << 16) | ((uint)'I' << 24);
    private const uint LOGO = 'L' | ('O' << 8) | ('G' << 16) | ((uint)'O' << 24);
    private const uint LOGA = 'L' | ('O' << 8) | ('G' << 16) | ((uint)'A' << 24);
    private const uint RQST = 'R' | ('Q' << 8) | ('S' << 16) | ((uint)'T' << 24);
    private const uint PICK = 'P' | ('I' << 8) | ('C' << 16) | ((uint)'K' << 24);
    private const uint HANG = 'H' | ('A' << 8) | ('N' << 16) | ((uint)'G' << 24);
    private const uint DIAL = 'D' | ('I' << 8) | ('A' << 16) | ((uint)'L' << 24);
    private const uint MCID = 'M' | ('C' << 8) | ('I' << 16) | ((uint)'D' << 24);
    private const uint LOCK = 'L' | ('O' << 8) | ('C' << 16) | ((uint)'K' << 24);
    private const uint SMSS = 'S' | ('M' << 8) | ('S' << 16) | ((uint)'S' << 24);
    private const uint STAT = 'S' | ('T' << 8) | ('A' << 16) | ((uint)'T' << 24);
    private const uint RING = 'R' | ('I' << 8) | ('N' << 16) | ((uint)'G' << 24);
    private const uint CONN = 'C' | ('O' << 8) | ('N' << 16) | ((uint)'N' << 24);
    private const uint DRDY = 'D' | ('R' << 8) | ('D' << 16) | ((uint)'Y' << 24);
    private const uint ECHO = 'E' | ('C' << 8) | ('H' << 16) | ((uint)'O' << 24);
    private const uint UTAG = 'U' | ('T' << 8) | ('A' << 16) | ((uint)'G' << 24);
    private const uint SMSA = 'S' | ('M' << 8) | ('S' << 16) | ((uint)'A' << 24);
    private const uint SMSR = 'S' | ('M' << 8) | ('S' << 16) | ((uint)'R' << 24);
    private const uint SMSG = 'S' | ('M' << 8) | ('S' << 16) | ((uint)'G' << 24);
    private const uint RECB = 'R' | ('E' << 8) | ('C' << 16) | ((uint)'B' << 24);
    private const uint RECC = 'R' | ('E' << 8) | ('C' << 16) | ((uint)'C' << 24);
    private const uint RECE = 'R' | ('E' << 8) | ('C' << 16) | ((uint)'E' << 24);

    /// <summary>Parses one line (without its CR LF) into a typed message, a test frame or an unknown message.</summary>
    /// <param name="line">The line's bytes, starting with <c>a</c> (or the bare <c>t</c> test frame).</param>
    /// <param name="encoding">The connection's text encoding; it overrides <see cref="CtipReaderOptions.Encoding"/>.</param>
    /// <param name="options">Whether malformed known commands become <see cref="CtipUnknownMessage"/> (default) or raise.</param>
    /// <exception cref="CtipProtocolException">The line is empty, does not start with <c>a</c>, contains CR, or (strict mode) a known command is malformed.</exception>
    public static CtipMessage Parse(ReadOnlySpan<byte> line, CtiEncoding encoding, CtipReaderOptions? options = null) =>
        Parse(line, encoding, options ?? CtipReaderOptions.Default, -1);

    /// <summary>Parses one line; <paramref name="offset"/> is the line's position in the stream, for error reports.</summary>
    internal static CtipMessage Parse(ReadOnlySpan<byte> line, CtiEncoding encoding, CtipReaderOptions options, long offset)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(options);
        if (line.IsEmpty)
        {
            throw new CtipProtocolException("Empty CTIP line.", offset, line);
        }

        if (line[0] != 'a')
        {
            if (line.Length == 1 && line[0] == 't')
            {
                return CtipTestFrame.Instance;
            }

            throw new CtipProtocolException("CTIP line does not start with the protocol marker 'a' and is not a 't' test frame.", offset, line);
        }

        if (line.IndexOf((byte)'\r') >= 0 || line.IndexOf((byte)'\n') >= 0)
        {
            throw new CtipProtocolException("CR or LF inside a CTIP line.", offset, line);
        }

        var body = line[1..];
        int space = body.IndexOf((byte)' ');
        var command = space < 0 ? body : body[..space];
        if (command.IsEmpty)
        {
            throw new CtipProtocolException("CTIP line has no command after the 'a' marker.", offset, line);
        }

        var arguments = space < 0 ? default : body[(space + 1)..];
        var fields = new CtipFields(arguments, space >= 0, encoding);
        CtipMessage? message = ParseKnown(command, ref fields, out string? usage);
        if (message is not null)
        {
            return message;
        }

        if (usage is not null && !options.UnparseableAsUnknown)
        {
            // Lines that may carry a key or PIN are previewed by command word only.
            bool secret = command.SequenceEqual("LOGI"u8) || command.SequenceEqual("LOGA"u8) || command.SequenceEqual("ACC"u8) || command.SequenceEqual("LOCK"u8);
            throw new CtipProtocolException($"Malformed CTIP line; expected '{usage}'.", offset, secret ? line[..(command.Length + 1)] : line);
        }

        return ToUnknown(command, arguments, space >= 0, encoding);
    }

    private static CtipUnknownMessage ToUnknown(ReadOnlySpan<byte> command, ReadOnlySpan<byte> arguments, bool hasArguments, CtiEncoding encoding)
    {
        var list = new List<string>();
        var fields = new CtipFields(arguments, hasArguments, encoding);
        while (fields.TryRaw(out var token))
        {
            list.Add(encoding.GetString(token));
        }

        return new CtipUnknownMessage(encoding.GetString(command), list.ToArray());
    }

    /// <summary>Dispatches on the command word; returns null with <paramref name="usage"/> set when a known command is malformed, null with null usage when unknown.</summary>
    private static CtipMessage? ParseKnown(ReadOnlySpan<byte> command, ref CtipFields f, out string? usage)
    {
        switch (command.Length)
        {
            case 2:
                if (command.SequenceEqual("OK"u8))
                {
                    usage = "OK [args]";
                    return ParseOk(ref f);
                }

                if (command.SequenceEqual("NA"u8))
                {
                    usage = "NA [code]";
                    return ParseNa(ref f);
                }

                if (command.SequenceEqual("CW"u8))
                {
                    usage = "CW <ext4> <number> <comment>";
                    return f.Extension(out var ext) && f.OptionalString(out var number) && f.Comment(out var comment) && f.End
                        ? new CtipCallWaiting(ext, number, comment) : null;
                }

                break;
            case 3:
                return ParseThree(command, ref f, out usage);
            case 4:
                return ParseFour(BinaryPrimitives.ReadUInt32LittleEndian(command), ref f, out usage);
            case 5:
                if (command.SequenceEqual("ERROR"u8))
                {
                    usage = "ERROR";
                    return f.End ? new CtipError() : null;
                }

                break;
        }

        usage = null;
        return null;
    }

    private static CtipMessage? ParseThree(ReadOnlySpan<byte> command, ref CtipFields f, out string? usage)
    {
        string ext;
        if (command.SequenceEqual("REL"u8))
        {
            usage = "REL <ext4> <cause>";
            return f.Extension(out ext) && f.Int(out int cause) && f.End ? new CtipReleased(ext, (CtipReleaseCause)cause) : null;
        }

        if (command.SequenceEqual("AOC"u8))
        {
            usage = "AOC <ext4> <amount>";
            return f.Extension(out ext) && f.Decimal(out decimal amount) && f.End ? new CtipCharge(ext, amount) : null;
        }

        if (command.SequenceEqual("WHO"u8))
        {
            usage = "WHO";
            return f.End ? new CtipWho() : null;
        }

        if (command.SequenceEqual("REJ"u8))
        {
            usage = "REJ <ext4> [<target4>]";
            if (!f.Extension(out ext))
            {
                return null;
            }

            if (f.End)
            {
                return new CtipReject(ext, null);
            }

            return f.Extension(out string target) && f.End ? new CtipReject(ext, target) : null;
        }

        if (command.SequenceEqual("FWD"u8))
        {
            usage = "FWD <ext4> <R|B|I|N> <A|O|I|T|G> <rings 0-9> <number> | FWD <ext4> D";
            return ParseForward(ref f);
        }

        if (command.SequenceEqual("ACC"u8))
        {
            usage = "ACC <ext4> T <account4> <key4> | ACC <ext4> F";
            if (!f.Extension(out ext) || !f.Char(out byte on))
            {
                return null;
            }

            return on switch
            {
                (byte)'T' when f.String(out string account) && f.String(out string key) && f.End => new CtipAccount(ext, true, account, key),
                (byte)'F' when f.End => new CtipAccount(ext, false, null, null),
                _ => null,
            };
        }

        if (command.SequenceEqual("DND"u8))
        {
            usage = "DND <ext4> T|F";
            return f.Extension(out ext) && f.Char(out byte on) && on is (byte)'T' or (byte)'F' && f.End ? new CtipDnd(ext, on == 'T') : null;
        }

        if (command.SequenceEqual("SOK"u8))
        {
            usage = "SOK G<nnn> <memidx>";
            return f.String(out string port) && f.Int(out int index) && f.End ? new CtipSmsOk(port, index) : null;
        }

        usage = null;
        return null;
    }

    private static CtipMessage? ParseFour(uint command, ref CtipFields f, out string? usage)
    {
        string ext;
        string text;
        switch (command)
        {
            case STAT:
                usage = "STAT <ext4> <H|h|o> <F|f> <D|d> <L|l> <A|a> <P|p> <C|c> <Q|q>";
                return ParseState(ref f);
            case RING:
                usage = "RING <ext4> <caller> <port> <dialled> <held> <comment>";
                return f.Extension(out ext) && f.OptionalString(out var caller) && f.String(out var port) && f.String(out var dialled)
                    && f.OptionalString(out var held) && f.Comment(out var comment) && f.End
                    ? new CtipRing(ext, caller, port, dialled, held, comment) : null;
            case CONN:
                usage = "CONN <ext4> <number> <port>";
                return f.Extension(out ext) && f.OptionalString(out var number) && f.String(out port) && f.End
                    ? new CtipConnected(ext, number, port) : null;
            case DRDY:
                usage = "DRDY <ext4>";
                return f.Extension(out ext) && f.End ? new CtipDialReady(ext) : null;
            case ECHO:
                usage = "ECHO <ext4> <digits>";
                return f.Extension(out ext) && f.String(out text) && f.End ? new CtipEcho(ext, text) : null;
            case UTAG:
                usage = "UTAG <ext4> <tag>";
                return f.Extension(out ext) && f.Rest(out text) ? new CtipUserTag(ext, text) : null;
            case SMSA:
                usage = "SMSA G<nnn> C <orderId> | SMSA G<nnn> R <errcode>";
                return ParseSmsAccept(ref f);
            case SMSR:
                usage = "SMSR G<nnn> D <memidx> <orderId> [<number>] | SMSR G<nnn> E <memidx> <orderId> <errcode> [<number>]";
                return ParseSmsReport(ref f);
            case SMSG:
                usage = "SMSG G<nnn> <memidx> <sender> <N|F> <ref,part,total> <YYYY-MM-DD_HH:MM:SS> <text>";
                return f.String(out port) && f.Int(out int memory) && f.String(out var sender) && f.Char(out byte type)
                    && TryParseSmsType(type, out var smsType) && f.SmsPart(out var part) && f.Timestamp(out var when) && f.SmsText(out text)
                    ? new CtipSmsReceived(port, memory, sender, smsType, part, when, text) : null;
            case RECB:
                usage = "RECB <ext4> <recId>";
                return f.Extension(out ext) && f.String(out text) && f.End ? new CtipRecordingStarted(ext, text) : null;
            case RECC:
                usage = "RECC <ext4> <recId>";
                return f.Extension(out ext) && f.String(out text) && f.End ? new CtipRecordingCancelled(ext, text) : null;
            case RECE:
                usage = "RECE <ext4> <recId> <cardIp> <path>";
                return f.Extension(out ext) && f.String(out text) && f.String(out var card) && f.Rest(out var path) && path.Length > 0
                    ? new CtipRecordingEnded(ext, text, card, path) : null;
            case LOGI:
                usage = "LOGI <ext4> <key4> | LOGI G<nnn> <PIN> [<codepage>]";
                return ParseLogin(ref f);
            case LOGO:
                usage = "LOGO <ext4>";
                return f.Extension(out ext) && f.End ? new CtipLogout(ext) : null;
            case LOGA:
                usage = "LOGA <key4>";
                return f.String(out text) && f.End ? new CtipLoginAll(text == NoKey ? null : text) : null;
            case RQST:
                usage = "RQST <ext4>";
                return f.Extension(out ext) && f.End ? new CtipRequestState(ext) : null;
            case PICK:
                usage = "PICK <ext4>";
                return f.Extension(out ext) && f.End ? new CtipPick(ext) : null;
            case HANG:
                usage = "HANG <ext4>";
                return f.Extension(out ext) && f.End ? new CtipHang(ext) : null;
            case DIAL:
                usage = "DIAL <ext4> <digits>";
                return f.Extension(out ext) && f.String(out text) && f.End ? new CtipDial(ext, text) : null;
            case MCID:
                usage = "MCID <ext4>";
                return f.Extension(out ext) && f.End ? new CtipMaliciousCall(ext) : null;
            case LOCK:
                usage = "LOCK <ext4> T <key4> | LOCK <ext4> F";
                if (!f.Extension(out ext) || !f.Char(out byte on))
                {
                    return null;
                }

                return on switch
                {
                    (byte)'T' when f.String(out string key) && f.End => new CtipLock(ext, true, key),
                    (byte)'F' when f.End => new CtipLock(ext, false, null),
                    _ => null,
                };
            case SMSS:
                usage = "SMSS G<nnn> <number> [M<ref>,<part>,<total>] [C<enc>] <N|F|n|f> <validity> <text>";
                return ParseSmsSend(ref f);
            default:
                usage = null;
                return null;
        }
    }

    private static CtipOk ParseOk(ref CtipFields f)
    {
        if (f.End)
        {
            return new CtipOk();
        }

        var list = new List<string>(5);
        while (f.TryRaw(out var token))
        {
            list.Add(f.Decode(token));
        }

        return new CtipOk(list.ToArray());
    }

    private static CtipNotAccepted? ParseNa(ref CtipFields f)
    {
        if (f.End)
        {
            return new CtipNotAccepted(null);
        }

        return f.Int(out int code) && f.End ? new CtipNotAccepted((CtipNaReason)code) : null;
    }

    private static CtipState? ParseState(ref CtipFields f)
    {
        if (!f.Extension(out string ext) || !f.Char(out byte hook))
        {
            return null;
        }

        CtipHookState state;
        switch (hook)
        {
            case (byte)'H': state = CtipHookState.OffHook; break;
            case (byte)'h': state = CtipHookState.OnHook; break;
            case (byte)'o': state = CtipHookState.OutOfOrder; break;
            default: return null;
        }

        var flags = CtipServices.None;
        ReadOnlySpan<byte> letters = "FDLAPCQ"u8;
        for (int i = 0; i < letters.Length; i++)
        {
            if (!f.Char(out byte c))
            {
                return null;
            }

            if (c == letters[i])
            {
                flags |= (CtipServices)(1 << i);
            }
            else if (c != (letters[i] | 0x20))
            {
                return null;
            }
        }

        return f.End ? new CtipState(ext, state, flags) : null;
    }

    private static CtipMessage? ParseForward(ref CtipFields f)
    {
        if (!f.Extension(out string ext) || !f.Char(out byte when))
        {
            return null;
        }

        if (when == 'D')
        {
            return f.End ? new CtipForwardDelete(ext) : null;
        }

        CtipForwardCondition condition;
        switch (when)
        {
            case (byte)'R': condition = CtipForwardCondition.NoReply; break;
            case (byte)'B': condition = CtipForwardCondition.Busy; break;
            case (byte)'I': condition = CtipForwardCondition.Immediate; break;
            case (byte)'N': condition = CtipForwardCondition.DoNotDisturb; break;
            default: return null;
        }

        if (!f.Char(out byte which) || !f.Char(out byte rings) || rings is < (byte)'0' or > (byte)'9' || !f.String(out string number) || !f.End)
        {
            return null;
        }

        CtipForwardScope scope;
        switch (which)
        {
            case (byte)'A': scope = CtipForwardScope.All; break;
            case (byte)'O': scope = CtipForwardScope.Outside; break;
            case (byte)'I': scope = CtipForwardScope.Internal; break;
            case (byte)'T': scope = CtipForwardScope.Transferred; break;
            case (byte)'G': scope = CtipForwardScope.Group; break;
            default: return null;
        }

        return new CtipForward(ext, condition, scope, rings - '0', number);
    }

    private static CtipMessage? ParseLogin(ref CtipFields f)
    {
        if (!f.Token(out var first))
        {
            return null;
        }

        if (IsGsmPort(first))
        {
            string port = f.Decode(first);
            if (!f.String(out string pin))
            {
                return null;
            }

            if (f.End)
            {
                return new CtipGsmLogin(port, pin, null);
            }

            return f.String(out string codePage) && f.End ? new CtipGsmLogin(port, pin, codePage) : null;
        }

        if (!CtipFields.IsCanonicalExtension(first) || !f.String(out string key) || !f.End)
        {
            return null;
        }

        return new CtipLogin(f.Decode(first.TrimEnd((byte)'_')), key == NoKey ? null : key);
    }

    private static CtipMessage? ParseSmsAccept(ref CtipFields f)
    {
        if (!f.String(out string port) || !f.Char(out byte kind) || !f.Int(out int value) || !f.End)
        {
            return null;
        }

        return kind switch
        {
            (byte)'C' => new CtipSmsAccepted(port, value),
            (byte)'R' => new CtipSmsRejected(port, value),
            _ => null,
        };
    }

    private static CtipMessage? ParseSmsReport(ref CtipFields f)
    {
        if (!f.String(out string port) || !f.Char(out byte kind) || !f.Int(out int memory) || !f.Int(out int order))
        {
            return null;
        }

        int error = 0;
        if (kind == 'E' && !f.Int(out error))
        {
            return null;
        }

        string? number = null;
        if (!f.End)
        {
            if (!f.String(out string n) || !f.End)
            {
                return null;
            }

            number = n;
        }

        return kind switch
        {
            (byte)'D' => new CtipSmsDelivered(port, memory, order, number),
            (byte)'E' => new CtipSmsDeliveryFailed(port, memory, order, error, number),
            _ => null,
        };
    }

    private static CtipSmsSend? ParseSmsSend(ref CtipFields f)
    {
        if (!f.String(out string port) || !f.String(out string number) || !f.Token(out var token))
        {
            return null;
        }

        CtipSmsPart? multipart = null;
        if (token[0] == 'M')
        {
            if (!CtipFields.TryParsePart(token[1..], out var part) || !f.Token(out token))
            {
                return null;
            }

            multipart = part;
        }

        CtipSmsCoding? coding = null;
        if (token[0] == 'C')
        {
            if (!CtipFields.TryParseInt(token[1..], out int c) || !f.Token(out token))
            {
                return null;
            }

            coding = (CtipSmsCoding)c;
        }

        if (token.Length != 1 || !TryParseSmsType(token[0], out var type)
            || !f.Int(out int validity) || validity > byte.MaxValue || !f.SmsText(out string text))
        {
            return null;
        }

        return new CtipSmsSend(port, number, multipart, coding, type, (byte)validity, text);
    }

    private static bool TryParseSmsType(byte b, out CtipSmsType type)
    {
        switch (b)
        {
            case (byte)'N': type = CtipSmsType.Normal; return true;
            case (byte)'F': type = CtipSmsType.Flash; return true;
            case (byte)'n': type = CtipSmsType.NormalNoReport; return true;
            case (byte)'f': type = CtipSmsType.FlashNoReport; return true;
            default: type = default; return false;
        }
    }

    private static bool IsGsmPort(ReadOnlySpan<byte> token) =>
        token.Length >= 2 && token[0] == 'G' && token[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
