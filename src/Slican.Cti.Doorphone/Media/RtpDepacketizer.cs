using Slican.Cti.Doorphone.Rtsp.Sdp;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// Turns RTP packets of one stream into <see cref="VideoFrame"/>s. Not thread-safe: feed it from one receive loop.
/// A frame ends at the marker bit or when the timestamp changes. A sequence-number gap discards the frame in progress
/// (and, for H.264/H.265, everything up to the next key frame, because a decoder could not use it anyway); packets
/// older than the newest one seen are ignored (put an <see cref="RtpReorderBuffer"/> in front for UDP).
/// </summary>
public abstract class RtpDepacketizer
{
    private readonly Action<VideoFrame> _onFrame;
    private bool _haveSequence;
    private ushort _expectedSequence;
    private bool _frameStarted;
    private uint _frameTimestamp;
    private bool _gapBeforeFrame;

    /// <summary>Creates the depacketizer.</summary>
    /// <param name="onFrame">Receives each complete frame; it then owns it (see <see cref="VideoFrame"/>).</param>
    /// <param name="timeProvider">Clock for <see cref="VideoFrame.ReceivedAt"/>.</param>
    /// <param name="maxFrameBytes">Frames bigger than this are discarded.</param>
    protected RtpDepacketizer(Action<VideoFrame> onFrame, TimeProvider? timeProvider, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        _onFrame = onFrame;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Buffer = new FrameBuffer(maxFrameBytes);
    }

    /// <summary>The codec of the frames.</summary>
    public abstract VideoCodec Codec { get; }

    /// <summary>Counters.</summary>
    public DepacketizerStatistics Statistics { get; } = new();

    /// <summary>The clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>True while the frame being assembled can no longer be delivered (a packet was lost or malformed).</summary>
    protected bool FrameBroken { get; set; }

    internal FrameBuffer Buffer { get; }

    /// <summary>Creates the depacketizer for an SDP format, or null when the codec is not supported.</summary>
    public static RtpDepacketizer? Create(RtpFormat format, Action<VideoFrame> onFrame, TimeProvider? timeProvider = null, int maxFrameBytes = 8 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(format);
        return CodecOf(format) switch
        {
            VideoCodec.H264 => new H264Depacketizer(onFrame, format.Parameters, timeProvider, maxFrameBytes),
            VideoCodec.H265 => new H265Depacketizer(onFrame, format.Parameters, timeProvider, maxFrameBytes),
            VideoCodec.Jpeg => new JpegDepacketizer(onFrame, timeProvider, maxFrameBytes),
            _ => null,
        };
    }

    /// <summary>The codec of an SDP format, or null when unsupported.</summary>
    public static VideoCodec? CodecOf(RtpFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.EncodingName.ToUpperInvariant() switch
        {
            "H264" => VideoCodec.H264,
            "H265" or "HEVC" => VideoCodec.H265,
            "JPEG" => VideoCodec.Jpeg,
            _ when format.PayloadType == 26 => VideoCodec.Jpeg,
            _ => null,
        };
    }

    /// <summary>Processes one packet; may deliver zero, one or two frames (a finished one and, on marker, the current one).</summary>
    public void Process(in RtpPacket packet)
    {
        Interlocked.Increment(ref Statistics.PacketsValue);
        if (_haveSequence)
        {
            short delta = (short)(packet.SequenceNumber - _expectedSequence);
            if (delta < 0)
            {
                Interlocked.Increment(ref Statistics.PacketsLateValue);
                return;
            }

            if (delta > 0)
            {
                Interlocked.Add(ref Statistics.PacketsLostValue, delta);
                OnPacketLoss();
                if (_frameStarted)
                {
                    FrameBroken = true;
                }
                else
                {
                    _gapBeforeFrame = true;
                }
            }
        }

        _haveSequence = true;
        _expectedSequence = (ushort)(packet.SequenceNumber + 1);

        if (_frameStarted && packet.Timestamp != _frameTimestamp)
        {
            // The previous frame lost its marker packet (or the sender sets no markers): close it.
            FinishFrame();
        }

        if (!_frameStarted)
        {
            _frameStarted = true;
            _frameTimestamp = packet.Timestamp;
            // Packets lost between two frames may have been the start of this one; formats that can tell
            // (JPEG fragment offsets) opt out.
            FrameBroken = _gapBeforeFrame && GapBreaksNextFrame;
            _gapBeforeFrame = false;
            StartFrame();
        }

        if (!FrameBroken)
        {
            ProcessPayload(packet.Payload, packet);
        }

        if (packet.Marker)
        {
            FinishFrame();
        }
    }

    /// <summary>Whether a sequence gap just before a frame's first packet discards that frame (true unless the format can detect a missing start itself).</summary>
    protected virtual bool GapBreaksNextFrame => true;

    /// <summary>Called when a new frame starts (the buffer is empty).</summary>
    protected virtual void StartFrame()
    {
    }

    /// <summary>Called on a sequence gap, before the packet after the gap is processed.</summary>
    protected virtual void OnPacketLoss()
    {
    }

    /// <summary>Appends the payload of one packet to the frame; set <see cref="FrameBroken"/> on malformed payloads.</summary>
    protected abstract void ProcessPayload(ReadOnlySpan<byte> payload, in RtpPacket packet);

    /// <summary>
    /// Decides what to deliver once a frame is complete: returns false to discard it; may rewrite the buffer (for
    /// example to add parameter sets or a JPEG trailer). Sets <paramref name="isKeyFrame"/>.
    /// </summary>
    protected abstract bool CompleteFrame(out bool isKeyFrame, out int width, out int height);

    /// <summary>Counts a malformed payload and marks the frame broken.</summary>
    protected void Malformed()
    {
        Interlocked.Increment(ref Statistics.PayloadsMalformedValue);
        FrameBroken = true;
    }

    private void FinishFrame()
    {
        _frameStarted = false;
        bool deliver = !FrameBroken && !Buffer.Overflowed && Buffer.Length > 0;
        bool isKeyFrame = false;
        int width = 0, height = 0;
        if (deliver)
        {
            deliver = CompleteFrame(out isKeyFrame, out width, out height) && !Buffer.Overflowed && Buffer.Length > 0;
        }

        if (!deliver)
        {
            if (FrameBroken || Buffer.Length > 0)
            {
                Interlocked.Increment(ref Statistics.FramesDiscardedValue);
            }

            Buffer.Reset();
            FrameBroken = false;
            return;
        }

        FrameBroken = false;
        var (array, length) = Buffer.Detach();
        var frame = new VideoFrame(Codec, array, length, pooled: true, _frameTimestamp, isKeyFrame, TimeProvider.GetUtcNow(), width, height);
        Interlocked.Increment(ref Statistics.FramesValue);
        _onFrame(frame);
    }
}
