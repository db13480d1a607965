using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;
using static Slican.Cti.Protocol.Tests.Ctip.CtipTestSupport;

namespace Slican.Cti.Protocol.Tests.Ctip;

public class CtipPropertyTests
{
    private static readonly CtipReaderOptions Strict = new() { UnparseableAsUnknown = false };

    private static readonly string[] KnownCommands =
    [
        "WHO", "LOGI", "LOGO", "LOGA", "RQST", "PICK", "HANG", "DIAL", "REJ", "FWD", "MCID", "ACC", "LOCK", "DND", "SMSS", "SOK",
        "OK", "ERROR", "NA", "STAT", "RING", "CW", "CONN", "REL", "DRDY", "ECHO", "AOC", "UTAG", "SMSA", "SMSR", "SMSG", "RECB", "RECC", "RECE",
    ];

    [Property(MaxTest = 2000)]
    public Property Every_message_type_survives_write_then_parse() =>
        Prop.ForAll(CtipGenerators.Message.ToArbitrary(), message =>
        {
            byte[] bytes = CtipCodec.ToBytes(message, CtiEncoding.Ibm852);
            var parsed = CtipCodec.Parse(bytes.AsSpan(0, bytes.Length - 2), CtiEncoding.Ibm852, Strict);
            return parsed.Equals(message)
                && parsed.GetType() == message.GetType()
                && bytes[^2] == '\r' && bytes[^1] == '\n';
        });

    [Property(MaxTest = 300)]
    public Property Messages_survive_write_then_parse_in_utf8_too() =>
        Prop.ForAll(CtipGenerators.Message.ToArbitrary(), message =>
        {
            byte[] bytes = CtipCodec.ToBytes(message, CtiEncoding.Utf8);
            return CtipCodec.Parse(bytes.AsSpan(0, bytes.Length - 2), CtiEncoding.Utf8, Strict).Equals(message);
        });

    /// <summary>Lines built from known command words and random fields: whatever they parse to writes back to the same bytes.</summary>
    [Property(MaxTest = 3000)]
    public Property Any_parsed_line_writes_back_byte_for_byte()
    {
        // Near-miss spellings next to valid ones, so typed parses are common and non-canonical forms get tried.
        string[] typical =
        [
            "201_", "10__", "12345", "12345_", "201", "2_", "____", "_", "G001", "G1", "0", "00", "017", "17", "+1", "-1", "1e3",
            "0.38", ".5", "00.5", "1.0", "T", "F", "D", "E", "C", "R", "N", "f", "n", "H", "h", "o", "A", "B", "I", "G", "Q", "q",
            "C1", "C01", "M1,2,3", "M01,2,3", "0,1,1", "0,01,1", "2026-11-20_10:05:00", "2026-02-30_10:05:00", "a\\nb", "a\\x", "x\\",
            "IdSub=112", "/109", "ACME_Ltd", "ąćę", "4294967296",
        ];
        var field = Gen.Frequency(
            (3, Gen.Elements(typical)),
            (1, CtipGenerators.Text("0123456789_GMCNFDETRBIAOhHoflpcqQ/,.-:\\nx ą", 0, 10)));
        var soup =
            from command in Gen.Elements(KnownCommands)
            from fields in Gen.Choose(0, 9).SelectMany(n => Gen.ArrayOf(field, n))
            select "a" + command + string.Concat(fields.Select(f => " " + f));

        // A valid line with one field replaced, dropped or duplicated: mostly one step away from a typed parse.
        var mutated =
            from message in CtipGenerators.Message
            let tokens = CtiEncoding.Ibm852.GetString(CtipCodec.ToBytes(message).AsSpan()[..^2]).Split(' ')
            from index in Gen.Choose(0, tokens.Length - 1)
            from kind in Gen.Choose(0, 2)
            from replacement in field
            select string.Join(' ', kind switch
            {
                0 when index > 0 => [.. tokens[..index], replacement, .. tokens[(index + 1)..]],
                1 when index > 0 => [.. tokens[..index], .. tokens[(index + 1)..]],
                _ => [.. tokens, replacement],
            });
        var gen = Gen.OneOf(soup, mutated);
        return Prop.ForAll(gen.ToArbitrary(), line =>
        {
            byte[] bytes = CtiEncoding.Ibm852.GetBytes(line);
            CtipMessage parsed;
            try
            {
                parsed = CtipCodec.Parse(bytes, CtiEncoding.Ibm852);
            }
            catch (CtipProtocolException)
            {
                return true; // e.g. "a RING": not a command line at all
            }

            byte[] written = CtipCodec.ToBytes(parsed, CtiEncoding.Ibm852);
            return written.AsSpan(0, written.Length - 2).SequenceEqual(bytes);
        });
    }

    [Property(MaxTest = 500)]
    public Property Arbitrary_bytes_raise_only_protocol_errors_and_never_buffer_past_the_limit()
    {
        var gen =
            from data in Gen.ArrayOf(Gen.Frequency((6, Gen.Choose(0, 255)), (1, Gen.Elements(10, 13, 'a', 't', ' '))).Select(i => (byte)i))
            from chunk in Gen.Choose(1, 40)
            from max in Gen.Choose(1, 48)
            select (data, chunk, max);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (data, chunk, max) = input;
            var reader = new CtipLineReader(new CtipReaderOptions { MaxLineBytes = max });
            long largest = 0;
            var errors = new List<CtipProtocolException>();
            try
            {
                ReadAll(reader, data.Chunk(chunk), errors, buffer => largest = Math.Max(largest, buffer.Length));
            }
            catch (Exception ex) when (ex is not CtipProtocolException)
            {
                return false.Label($"unexpected {ex.GetType().Name}: {ex.Message}");
            }

            return (largest <= max).Label($"buffered {largest} > {max}")
                .And(errors.All(e => e.ByteOffset >= 0 && e.ByteOffset < data.Length).Label("offset within stream"));
        });
    }

    [Property(MaxTest = 200)]
    public Property Over_long_line_is_rejected_with_its_offset_and_reading_resumes()
    {
        var gen =
            from before in Gen.Choose(0, 5)
            from max in Gen.Choose(11, 64) // the good line needs 11 bytes (CR included)
            from extra in Gen.Choose(1, 200)
            from chunk in Gen.Choose(1, 64)
            select (before, max, extra, chunk);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (before, max, extra, chunk) = input;
            byte[] good = "aDRDY 202_\r\n"u8.ToArray();
            byte[] data =
            [
                .. Enumerable.Repeat(good, before).SelectMany(x => x),
                .. Enumerable.Repeat((byte)'x', max + extra),
                (byte)'\r', (byte)'\n',
                .. good,
            ];
            var reader = new CtipLineReader(new CtipReaderOptions { MaxLineBytes = max });
            var errors = new List<CtipProtocolException>();

            var messages = ReadAll(reader, data.Chunk(chunk), errors);

            return (errors.Count == 1).Label("one error")
                .And(errors.Count == 1 && errors[0].ByteOffset == before * good.Length).Label("offset is the line start")
                .And(messages.Count == before + 1).Label("reading resumed")
                .And(reader.BytesConsumed == data.Length).Label("all bytes accounted");
        });
    }
}
