using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Cli;

/// <summary><c>slican-cti encode</c>: JSON Lines (as printed by decode) in, protocol bytes out.</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var protocol = CommonOptions.Protocol();
        var encoding = CommonOptions.Encoding();
        var declaration = new Option<bool>("--declaration") { Description = "Start each XCTIP frame with an XML declaration naming the encoding." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var file = CommonOptions.File();
        var command = new Command("encode", "Encode JSON Lines, as printed by decode, back into XCTIP frames or CTIP lines. XCTIP lines with the same 'frame' number share one frame.")
        {
            protocol, encoding, declaration, output, file,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonOptions.TryResolve(result.GetValue(protocol)!, result.GetValue(encoding)!, out bool xctip, out var cti, out string? error))
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
                return DecodeCommand.ExitUsage;
            }

            var json = new MessageJson(showSecrets: true);
            var bytes = new ArrayBufferWriter<byte>();
            var writerOptions = new XctipWriterOptions { Encoding = cti, WriteDeclaration = result.GetValue(declaration) };
            var stream = CommonOptions.OpenInput(result.GetValue(file)!);
            if (stream is null)
            {
                return CommonOptions.ExitNoInput;
            }

            using var input = new StreamReader(stream);
            var frame = new List<XctipMessage>();
            long? frameNumber = null;
            int lineNumber = 0;
            try
            {
                while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    if (!xctip)
                    {
                        CtipCodec.Write(json.ReadCtip(root), bytes, cti);
                        continue;
                    }

                    long? number = root.TryGetProperty("frame", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : null;
                    if (frame.Count > 0 && (number is null || number != frameNumber))
                    {
                        XctipCodec.Encode(bytes, [.. frame], writerOptions);
                        frame.Clear();
                    }

                    frameNumber = number;
                    frame.Add(json.ReadXctip(root));
                }

                if (frame.Count > 0)
                {
                    XctipCodec.Encode(bytes, [.. frame], writerOptions);
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"slican-cti: line {lineNumber}: {ex.Message}").ConfigureAwait(false);
                return DecodeCommand.ExitMalformed;
            }

            string? path = result.GetValue(output);
            await using var destination = path is null ? Console.OpenStandardOutput() : File.Create(path);
            await destination.WriteAsync(bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
