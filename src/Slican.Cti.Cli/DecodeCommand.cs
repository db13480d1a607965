using System.Buffers;
using System.CommandLine;
using System.IO.Pipelines;
using Slican.Cti.Protocol;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Cli;

/// <summary><c>slican-cti decode</c>: a captured stream in, one JSON object per message out (JSON Lines).</summary>
internal static class DecodeCommand
{
    public const int ExitMalformed = 2;
    public const int ExitUsage = 64;

    public static Command Create()
    {
        var protocol = CommonOptions.Protocol();
        var encoding = CommonOptions.Encoding();
        var secrets = new Option<bool>("--show-secrets") { Description = "Print passwords, PINs and keys instead of ***." };
        var file = CommonOptions.File();
        var command = new Command("decode", "Decode an XCTIP or CTIP byte stream into JSON Lines: one object per message with its typed fields. On malformed input, everything before it is printed, then the error with its byte offset goes to stderr and the exit code is 2.")
        {
            protocol, encoding, secrets, file,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonOptions.TryResolve(result.GetValue(protocol)!, result.GetValue(encoding)!, out bool xctip, out var cti, out string? error))
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
                return ExitUsage;
            }

            await using var input = CommonOptions.OpenInput(result.GetValue(file)!);
            if (input is null)
            {
                return CommonOptions.ExitNoInput;
            }

            var json = new MessageJson(result.GetValue(secrets));
            var writer = Console.Out;
            try
            {
                var reader = PipeReader.Create(input);
                if (xctip)
                {
                    await DecodeXctipAsync(reader, cti, json, writer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await DecodeCtipAsync(reader, cti, json, writer, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            }
            catch (CtiProtocolException ex)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"slican-cti: malformed input at byte {ex.ByteOffset}: {ex.Reason}. Bytes there: {ex.Preview}").ConfigureAwait(false);
                return ExitMalformed;
            }
        });
        return command;
    }

    private static async Task DecodeXctipAsync(PipeReader pipe, CtiEncoding encoding, MessageJson json, TextWriter writer, CancellationToken cancellationToken)
    {
        var options = new XctipReaderOptions { Encoding = encoding };
        var frames = new XctipFrameReader(options);
        int frameIndex = 0;
        while (true)
        {
            var read = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (frames.TryReadFrame(ref buffer, out var frame))
            {
                long offset = frames.BytesConsumed - frame.Length;
                foreach (var message in XctipCodec.Decode(frame, options, offset))
                {
                    await writer.WriteLineAsync(json.Xctip(message, frameIndex, offset)).ConfigureAwait(false);
                }

                frameIndex++;
            }

            if (read.IsCompleted)
            {
                ThrowIfTrailing(buffer, frames.BytesConsumed);
                return;
            }

            pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task DecodeCtipAsync(PipeReader pipe, CtiEncoding encoding, MessageJson json, TextWriter writer, CancellationToken cancellationToken)
    {
        var options = new CtipReaderOptions { Encoding = encoding };
        var lines = new CtipLineReader(options);
        while (true)
        {
            var read = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (lines.TryReadLine(ref buffer, out var line))
            {
                long offset = lines.LastLineOffset;
                var message = CtipCodec.Parse(line.IsSingleSegment ? line.FirstSpan : line.ToArray(), encoding, options);
                await writer.WriteLineAsync(json.Ctip(message, offset)).ConfigureAwait(false);
            }

            if (read.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    // A last line without CR LF still counts.
                    var message = CtipCodec.Parse(buffer.ToArray(), encoding, options);
                    await writer.WriteLineAsync(json.Ctip(message, lines.BytesConsumed)).ConfigureAwait(false);
                }

                return;
            }

            pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static void ThrowIfTrailing(ReadOnlySequence<byte> rest, long offset)
    {
        foreach (var segment in rest)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                var preview = rest.Slice(0, Math.Min(64, rest.Length)).ToArray();
                throw new XctipProtocolException(XctipErrorKind.Malformed, "The stream ends inside an unfinished frame", offset, preview);
            }
        }
    }
}
