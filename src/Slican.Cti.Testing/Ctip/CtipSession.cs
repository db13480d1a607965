using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Testing.Sessions;

namespace Slican.Cti.Testing.Ctip;

/// <summary>
/// One CTIP client connection: reads lines with the Protocol package's <see cref="CtipLineReader"/> and hands each
/// command to the world. Holds the session's login (one extension, all extensions, GSM ports).
/// </summary>
internal sealed class CtipSession : PbxSession
{
    private static readonly byte[] s_malformed = "aSTAT\u0001broken\r\n"u8.ToArray();

    public CtipSession(PbxEmulatorContext context, Socket socket, Stream stream)
        : base(context, socket, stream, PbxProtocol.Ctip)
    {
    }

    /// <summary>Logged in with LOGA (all extensions).</summary>
    public bool LoginAll { get; set; }

    /// <summary>GSM ports logged in (<c>G001</c>).</summary>
    public HashSet<string> GsmPorts { get; } = new(StringComparer.Ordinal);

    public bool HasExtensionLogin => LoginAll || User is not null;

    protected override ReadOnlySpan<byte> MalformedFrame => s_malformed;

    public bool Monitors(Subscriber s) => LoginAll || User == s;

    protected override async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(Stream, new StreamPipeReaderOptions(leaveOpen: true));
        var lines = new CtipLineReader(new CtipReaderOptions { Encoding = Context.Options.Encoding });
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    CtipMessage? message;
                    try
                    {
                        if (!lines.TryReadMessage(ref buffer, out message))
                        {
                            break;
                        }
                    }
                    catch (CtipProtocolException ex)
                    {
                        Log.MalformedInput(Logger, SessionId, ex.Message);
                        Enqueue(OutboundItem.ForCtip(new CtipError(), isReply: true));

                        continue;
                    }

                    Context.World.HandleCtip(this, message);
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }
}
