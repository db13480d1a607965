using System.Buffers;
using System.Buffers.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Ctip;

public static partial class CtipCodec
{
    /// <summary>The wire form of "no key" in LOGI and LOGA.</summary>
    internal const string NoKey = "____";

    /// <summary>Writes one message as <c>a</c> + command + fields + CR LF (a test frame as <c>t</c> CR LF).</summary>
    /// <param name="message">The message; extensions are padded, none is written as <c>_</c>, SMS text is escaped.</param>
    /// <param name="output">Receives the bytes.</param>
    /// <param name="encoding">The connection's text encoding; unmappable characters become <c>?</c>.</param>
    /// <exception cref="ArgumentException">A field is missing, or contains a space, CR or LF where the wire cannot carry one.</exception>
    public static void Write(CtipMessage message, IBufferWriter<byte> output, CtiEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(encoding);
        if (message is CtipTestFrame)
        {
            output.Write("t\r\n"u8);
            return;
        }

        var w = new LineWriter(output, encoding);
        switch (message)
        {
            case CtipRing m:
                w.Start("RING"u8);
                w.Extension(m.Extension);
                w.Optional(m.Caller, nameof(m.Caller));
                w.Field(m.Port, nameof(m.Port));
                w.Field(m.Dialled, nameof(m.Dialled));
                w.Optional(m.Held, nameof(m.Held));
                w.Comment(m.Comment);
                break;
            case CtipState m:
                w.Start("STAT"u8);
                w.Extension(m.Extension);
                w.Char(m.Hook switch
                {
                    CtipHookState.OffHook => (byte)'H',
                    CtipHookState.OnHook => (byte)'h',
                    CtipHookState.OutOfOrder => (byte)'o',
                    _ => throw new ArgumentOutOfRangeException(nameof(message), m.Hook, "Unknown hook state."),
                });
                ReadOnlySpan<byte> letters = "FDLAPCQ"u8;
                for (int i = 0; i < letters.Length; i++)
                {
                    w.Char(((int)m.Services & (1 << i)) != 0 ? letters[i] : (byte)(letters[i] | 0x20));
                }

                break;
            case CtipConnected m:
                w.Start("CONN"u8);
                w.Extension(m.Extension);
                w.Optional(m.Number, nameof(m.Number));
                w.Field(m.Port, nameof(m.Port));
                break;
            case CtipReleased m:
                w.Start("REL"u8);
                w.Extension(m.Extension);
                w.Int((int)m.Cause);
                break;
            case CtipCallWaiting m:
                w.Start("CW"u8);
                w.Extension(m.Extension);
                w.Optional(m.Number, nameof(m.Number));
                w.Comment(m.Comment);
                break;
            case CtipDialReady m:
                w.Start("DRDY"u8);
                w.Extension(m.Extension);
                break;
            case CtipEcho m:
                w.Start("ECHO"u8);
                w.Extension(m.Extension);
                w.Field(m.Digits, nameof(m.Digits));
                break;
            case CtipCharge m:
                w.Start("AOC"u8);
                w.Extension(m.Extension);
                w.Decimal(m.Amount);
                break;
            case CtipUserTag m:
                w.Start("UTAG"u8);
                w.Extension(m.Extension);
                w.Rest(m.Tag, nameof(m.Tag), allowEmpty: true);
                break;
            case CtipOk m:
                w.Start("OK"u8);
                w.Tokens(m.Arguments);
                break;
            case CtipError:
                w.Start("ERROR"u8);
                break;
            case CtipNotAccepted m:
                w.Start("NA"u8);
                if (m.Reason is { } reason)
                {
                    w.Int((int)reason);
                }

                break;
            case CtipSmsAccepted m:
                w.Start("SMSA"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Char((byte)'C');
                w.Int(m.OrderId);
                break;
            case CtipSmsRejected m:
                w.Start("SMSA"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Char((byte)'R');
                w.Int(m.ErrorCode);
                break;
            case CtipSmsDelivered m:
                w.Start("SMSR"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Char((byte)'D');
                w.Int(m.MemoryIndex);
                w.Int(m.OrderId);
                if (m.Number is not null)
                {
                    w.Field(m.Number, nameof(m.Number));
                }

                break;
            case CtipSmsDeliveryFailed m:
                w.Start("SMSR"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Char((byte)'E');
                w.Int(m.MemoryIndex);
                w.Int(m.OrderId);
                w.Int(m.ErrorCode);
                if (m.Number is not null)
                {
                    w.Field(m.Number, nameof(m.Number));
                }

                break;
            case CtipSmsReceived m:
                w.Start("SMSG"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Int(m.MemoryIndex);
                w.Field(m.Sender, nameof(m.Sender));
                w.Char(SmsType(m.Type));
                w.Part(m.Part, prefix: 0);
                w.Timestamp(m.Timestamp);
                w.SmsText(m.Text);
                break;
            case CtipRecordingStarted m:
                w.Start("RECB"u8);
                w.Extension(m.Extension);
                w.Field(m.RecordingId, nameof(m.RecordingId));
                break;
            case CtipRecordingCancelled m:
                w.Start("RECC"u8);
                w.Extension(m.Extension);
                w.Field(m.RecordingId, nameof(m.RecordingId));
                break;
            case CtipRecordingEnded m:
                w.Start("RECE"u8);
                w.Extension(m.Extension);
                w.Field(m.RecordingId, nameof(m.RecordingId));
                w.Field(m.CardAddress, nameof(m.CardAddress));
                w.Rest(m.Path, nameof(m.Path), allowEmpty: false);
                break;
            case CtipWho:
                w.Start("WHO"u8);
                break;
            case CtipLogin m:
                w.Start("LOGI"u8);
                w.Extension(m.Extension);
                w.Field(m.Key ?? NoKey, nameof(m.Key));
                break;
            case CtipGsmLogin m:
                w.Start("LOGI"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Field(m.Pin, nameof(m.Pin));
                if (m.CodePage is not null)
                {
                    w.Field(m.CodePage, nameof(m.CodePage));
                }

                break;
            case CtipLogout m:
                w.Start("LOGO"u8);
                w.Extension(m.Extension);
                break;
            case CtipLoginAll m:
                w.Start("LOGA"u8);
                w.Field(m.Key ?? NoKey, nameof(m.Key));
                break;
            case CtipRequestState m:
                w.Start("RQST"u8);
                w.Extension(m.Extension);
                break;
            case CtipPick m:
                w.Start("PICK"u8);
                w.Extension(m.Extension);
                break;
            case CtipHang m:
                w.Start("HANG"u8);
                w.Extension(m.Extension);
                break;
            case CtipDial m:
                w.Start("DIAL"u8);
                w.Extension(m.Extension);
                w.Field(m.Digits, nameof(m.Digits));
                break;
            case CtipReject m:
                w.Start("REJ"u8);
                w.Extension(m.Extension);
                if (m.Target is not null)
                {
                    w.Extension(m.Target);
                }

                break;
            case CtipForward m:
                w.Start("FWD"u8);
                w.Extension(m.Extension);
                w.Char(m.When switch
                {
                    CtipForwardCondition.NoReply => (byte)'R',
                    CtipForwardCondition.Busy => (byte)'B',
                    CtipForwardCondition.Immediate => (byte)'I',
                    CtipForwardCondition.DoNotDisturb => (byte)'N',
                    _ => throw new ArgumentOutOfRangeException(nameof(message), m.When, "Unknown forwarding condition."),
                });
                w.Char(m.Scope switch
                {
                    CtipForwardScope.All => (byte)'A',
                    CtipForwardScope.Outside => (byte)'O',
                    CtipForwardScope.Internal => (byte)'I',
                    CtipForwardScope.Transferred => (byte)'T',
                    CtipForwardScope.Group => (byte)'G',
                    _ => throw new ArgumentOutOfRangeException(nameof(message), m.Scope, "Unknown forwarding scope."),
                });
                if (m.Rings is < 0 or > 9)
                {
                    throw new ArgumentOutOfRangeException(nameof(message), m.Rings, "FWD rings must be 0-9.");
                }

                w.Char((byte)('0' + m.Rings));
                w.Field(m.Number, nameof(m.Number));
                break;
            case CtipForwardDelete m:
                w.Start("FWD"u8);
                w.Extension(m.Extension);
                w.Char((byte)'D');
                break;
            case CtipMaliciousCall m:
                w.Start("MCID"u8);
                w.Extension(m.Extension);
                break;
            case CtipAccount m:
                w.Start("ACC"u8);
                w.Extension(m.Extension);
                w.Char(m.Enable ? (byte)'T' : (byte)'F');
                if (m.Enable)
                {
                    w.Field(m.Account, nameof(m.Account));
                    w.Field(m.Key, nameof(m.Key));
                }

                break;
            case CtipLock m:
                w.Start("LOCK"u8);
                w.Extension(m.Extension);
                w.Char(m.Lock ? (byte)'T' : (byte)'F');
                if (m.Lock)
                {
                    w.Field(m.Key, nameof(m.Key));
                }

                break;
            case CtipDnd m:
                w.Start("DND"u8);
                w.Extension(m.Extension);
                w.Char(m.Enable ? (byte)'T' : (byte)'F');
                break;
            case CtipSmsSend m:
                w.Start("SMSS"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Field(m.Number, nameof(m.Number));
                if (m.Multipart is { } part)
                {
                    w.Part(part, prefix: (byte)'M');
                }

                if (m.Coding is { } coding)
                {
                    w.PrefixedInt((byte)'C', (int)coding);
                }

                w.Char(SmsType(m.Type));
                w.Int(m.Validity);
                w.SmsText(m.Text);
                break;
            case CtipSmsOk m:
                w.Start("SOK"u8);
                w.Field(m.Port, nameof(m.Port));
                w.Int(m.MemoryIndex);
                break;
            case CtipUnknownMessage m:
                w.Start(m.Command);
                w.Tokens(m.Arguments);
                break;
            default:
                throw new ArgumentException($"Cannot write {message.GetType().Name}.", nameof(message));
        }

        w.End();
    }

    /// <summary>Writes one message into a new array; convenient for tests and one-off sends.</summary>
    /// <exception cref="ArgumentException">A field cannot be written, see <see cref="Write"/>.</exception>
    public static byte[] ToBytes(CtipMessage message, CtiEncoding encoding)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(message, buffer, encoding);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one message into a new array using <see cref="CtiEncoding.Ibm852"/>, the PBX default.</summary>
    public static byte[] ToBytes(CtipMessage message) => ToBytes(message, CtiEncoding.Ibm852);

    private static byte SmsType(CtipSmsType type) => type switch
    {
        CtipSmsType.Normal => (byte)'N',
        CtipSmsType.Flash => (byte)'F',
        CtipSmsType.NormalNoReport => (byte)'n',
        CtipSmsType.FlashNoReport => (byte)'f',
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown SMS type."),
    };

    /// <summary>Appends fields to one line, checking that each can be carried by the space-separated format.</summary>
    private readonly ref struct LineWriter
    {
        private readonly IBufferWriter<byte> _output;
        private readonly CtiEncoding _encoding;

        public LineWriter(IBufferWriter<byte> output, CtiEncoding encoding)
        {
            _output = output;
            _encoding = encoding;
        }

        public void Start(ReadOnlySpan<byte> command)
        {
            var span = _output.GetSpan(command.Length + 1);
            span[0] = (byte)'a';
            command.CopyTo(span[1..]);
            _output.Advance(command.Length + 1);
        }

        public void Start(string command)
        {
            CheckToken(command, "Command", allowEmpty: false);
            Byte((byte)'a');
            _encoding.Encode(command, _output);
        }

        public void End()
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)'\r';
            span[1] = (byte)'\n';
            _output.Advance(2);
        }

        public void Field(string? value, string name)
        {
            CheckToken(value, name, allowEmpty: false);
            Byte((byte)' ');
            _encoding.Encode(value, _output);
        }

        public void Optional(string? value, string name)
        {
            if (value is null)
            {
                Char((byte)'_');
            }
            else
            {
                Field(value, name);
            }
        }

        public void Extension(string? value)
        {
            CheckToken(value, "Extension", allowEmpty: false);
            if (value.EndsWith('_'))
            {
                throw new ArgumentException($"Extension '{value}' must be given without its '_' padding.", nameof(value));
            }

            Byte((byte)' ');
            _encoding.Encode(value, _output);
            for (int i = value.Length; i < CtipExtension.FieldWidth; i++)
            {
                Byte((byte)'_');
            }
        }

        public void Char(byte value)
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)' ';
            span[1] = value;
            _output.Advance(2);
        }

        public void Int(int value)
        {
            var span = _output.GetSpan(12);
            span[0] = (byte)' ';
            Utf8Formatter.TryFormat(value, span[1..], out int written);
            _output.Advance(written + 1);
        }

        public void PrefixedInt(byte prefix, int value)
        {
            var span = _output.GetSpan(13);
            span[0] = (byte)' ';
            span[1] = prefix;
            Utf8Formatter.TryFormat(value, span[2..], out int written);
            _output.Advance(written + 2);
        }

        public void Decimal(decimal value)
        {
            var span = _output.GetSpan(48);
            span[0] = (byte)' ';
            Utf8Formatter.TryFormat(value, span[1..], out int written);
            _output.Advance(written + 1);
        }

        public void Part(CtipSmsPart part, byte prefix)
        {
            var span = _output.GetSpan(40);
            int n = 0;
            span[n++] = (byte)' ';
            if (prefix != 0)
            {
                span[n++] = prefix;
            }

            Utf8Formatter.TryFormat(part.Reference, span[n..], out int w);
            n += w;
            span[n++] = (byte)',';
            Utf8Formatter.TryFormat(part.Part, span[n..], out w);
            n += w;
            span[n++] = (byte)',';
            Utf8Formatter.TryFormat(part.Total, span[n..], out w);
            _output.Advance(n + w);
        }

        public void Timestamp(DateTime value)
        {
            var span = _output.GetSpan(20);
            span[0] = (byte)' ';
            Two(span[1..], value.Year / 100);
            Two(span[3..], value.Year % 100);
            span[5] = (byte)'-';
            Two(span[6..], value.Month);
            span[8] = (byte)'-';
            Two(span[9..], value.Day);
            span[11] = (byte)'_';
            Two(span[12..], value.Hour);
            span[14] = (byte)':';
            Two(span[15..], value.Minute);
            span[17] = (byte)':';
            Two(span[18..], value.Second);
            _output.Advance(20);

            static void Two(Span<byte> s, int v)
            {
                s[0] = (byte)('0' + (v / 10));
                s[1] = (byte)('0' + (v % 10));
            }
        }

        public void Tokens(IReadOnlyList<string> tokens)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                CheckToken(tokens[i], "Arguments", allowEmpty: true);
                Byte((byte)' ');
                _encoding.Encode(tokens[i], _output);
            }
        }

        public void Rest(string? value, string name, bool allowEmpty)
        {
            ArgumentNullException.ThrowIfNull(value, name);
            if ((!allowEmpty && value.Length == 0) || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"{name} must be {(allowEmpty ? string.Empty : "non-empty and ")}without CR or LF.", name);
            }

            Byte((byte)' ');
            _encoding.Encode(value, _output);
        }

        /// <summary>Writes a comment: none as <c>_</c>, spaces as underscores.</summary>
        public void Comment(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                Char((byte)'_');
                return;
            }

            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException("Comment must not contain CR or LF.", nameof(value));
            }

            char[]? rented = null;
            Span<char> chars = value.Length <= 128 ? stackalloc char[128] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
            value.AsSpan().Replace(chars[..value.Length], ' ', '_');
            Byte((byte)' ');
            _encoding.Encode(chars[..value.Length], _output);
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        /// <summary>Writes SMS text: line breaks (LF, CR LF or CR) as <c>\n</c>, backslash as <c>\\</c>.</summary>
        public void SmsText(string? value)
        {
            ArgumentNullException.ThrowIfNull(value, "Text");
            int max = value.Length * 2;
            char[]? rented = null;
            Span<char> chars = max <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(max));
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '\\':
                        chars[n++] = '\\';
                        chars[n++] = '\\';
                        break;
                    case '\r':
                        if (i + 1 < value.Length && value[i + 1] == '\n')
                        {
                            i++;
                        }

                        goto case '\n';
                    case '\n':
                        chars[n++] = '\\';
                        chars[n++] = 'n';
                        break;
                    default:
                        chars[n++] = c;
                        break;
                }
            }

            Byte((byte)' ');
            _encoding.Encode(chars[..n], _output);
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        private void Byte(byte value)
        {
            _output.GetSpan(1)[0] = value;
            _output.Advance(1);
        }

        private static void CheckToken([System.Diagnostics.CodeAnalysis.NotNull] string? value, string name, bool allowEmpty)
        {
            ArgumentNullException.ThrowIfNull(value, name);
            if ((!allowEmpty && value.Length == 0) || value.AsSpan().IndexOfAny(' ', '\r', '\n') >= 0)
            {
                throw new ArgumentException($"{name} '{value}' must be {(allowEmpty ? string.Empty : "non-empty and ")}without spaces, CR or LF.", name);
            }
        }
    }
}
