using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Sessions;

namespace Slican.Cti.Testing.Xctip;

/// <summary>
/// One XCTIP client connection (plain or TLS): splits the input into frames, decodes them with the Protocol
/// package and hands each message to <see cref="XctipDispatcher"/>. Holds the session's registrations.
/// </summary>
internal sealed class XctipSession : PbxSession
{
    // A frame with an undefined entity: well delimited, so a client's frame reader stays in sync, but not decodable.
    private static readonly byte[] s_malformed = "<XCTIP><Status><Change_EV><Id>&broken;</Id></Change_EV></Status></XCTIP>"u8.ToArray();

    public XctipSession(PbxEmulatorContext context, Socket socket, Stream stream, PbxProtocol protocol)
        : base(context, socket, stream, protocol)
    {
    }

    public bool StatusAll { get; set; }

    public HashSet<int> StatusIds { get; } = [];

    public bool CallsOwn { get; set; }

    public HashSet<int> CallsMonitored { get; } = [];

    public bool SmsRegistered { get; set; }

    public HashSet<string> SyncNotify { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SyncAuto { get; } = new(StringComparer.Ordinal);

    public bool CcRegistered { get; set; }

    public bool GsmRegistered { get; set; }

    protected override ReadOnlySpan<byte> MalformedFrame => s_malformed;

    public void ResetRegistrations()
    {
        StatusAll = false;
        StatusIds.Clear();
        CallsOwn = false;
        CallsMonitored.Clear();
        SmsRegistered = false;
        SyncNotify.Clear();
        SyncAuto.Clear();
        CcRegistered = false;
        GsmRegistered = false;
        User = null;
    }

    protected override async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(Stream, new StreamPipeReaderOptions(leaveOpen: true));
        var options = new XctipReaderOptions { Encoding = Context.Options.Encoding };
        var frames = new XctipFrameReader(options);
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    ReadOnlySequence<byte> frame;
                    try
                    {
                        if (!frames.TryReadFrame(ref buffer, out frame))
                        {
                            break;
                        }
                    }
                    catch (XctipProtocolException ex)
                    {
                        RejectFrame(ex);
                        if (!frames.TrySkipToNextFrame(ref buffer))
                        {
                            break;
                        }

                        continue;
                    }

                    IReadOnlyList<XctipMessage> messages;
                    try
                    {
                        messages = XctipCodec.Decode(frame, options, frames.BytesConsumed - frame.Length);
                    }
                    catch (XctipProtocolException ex)
                    {
                        RejectFrame(ex);
                        continue;
                    }

                    foreach (var message in messages)
                    {
                        XctipDispatcher.Dispatch(Context, this, message);
                    }
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

    /// <summary>
    /// A frame that is not well-formed XCTIP has no module or CId to answer in; the emulator answers it with
    /// <c>Stream/Answer{Error=Malformed message}</c> without a CId (modeled) and reads on from the next frame.
    /// </summary>
    private void RejectFrame(XctipProtocolException ex)
    {
        Log.MalformedInput(Logger, SessionId, ex.Message);
        PbxWorld.Reply(this, "Stream", null, PbxErrors.MalformedMessage);
    }

    public static int? CIdOf(XctipMessage message) => message switch
    {
        IXctipCorrelated c => c.CId,
        XctipUnknownMessage u when u.Element.Child("CId") is { } e && int.TryParse(e.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int cid) => cid,
        _ => null,
    };
}
