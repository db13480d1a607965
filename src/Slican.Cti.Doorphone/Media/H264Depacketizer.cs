using System.Buffers.Binary;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// H.264 over RTP (RFC 6184, packetization modes 0 and 1): single NAL unit packets, STAP-A and FU-A. Produces Annex-B
/// access units. Frames are delivered from the first IDR on (and again from the next IDR after a loss); SPS and PPS
/// from <c>sprop-parameter-sets</c> or from the stream are put in front of every IDR that lacks them, so every key
/// frame decodes on its own.
/// </summary>
public sealed class H264Depacketizer : RtpDepacketizer
{
    private byte[]? _sps;
    private byte[]? _pps;
    private bool _waitForKeyFrame = true;
    private bool _fragmentActive;
    private bool _hasIdr;
    private bool _hasSps;
    private bool _hasPps;
    private bool _hasSlice;

    /// <summary>Creates the depacketizer.</summary>
    /// <param name="onFrame">Receives each frame (the receiver owns it).</param>
    /// <param name="formatParameters">The SDP fmtp parameters (for <c>sprop-parameter-sets</c>); may be null.</param>
    /// <param name="timeProvider">Clock for frame times.</param>
    /// <param name="maxFrameBytes">Size limit per frame.</param>
    public H264Depacketizer(Action<VideoFrame> onFrame, IReadOnlyDictionary<string, string>? formatParameters = null, TimeProvider? timeProvider = null, int maxFrameBytes = 8 * 1024 * 1024)
        : base(onFrame, timeProvider, maxFrameBytes)
    {
        if (formatParameters is not null && formatParameters.TryGetValue("sprop-parameter-sets", out string? sets))
        {
            foreach (var set in ParameterSets.DecodeBase64List(sets))
            {
                RememberParameterSet(set);
            }
        }
    }

    /// <inheritdoc/>
    public override VideoCodec Codec => VideoCodec.H264;

    /// <summary>The current SPS (without start code), from the SDP or the stream; null until known.</summary>
    public ReadOnlyMemory<byte>? Sps => _sps;

    /// <summary>The current PPS (without start code); null until known.</summary>
    public ReadOnlyMemory<byte>? Pps => _pps;

    /// <inheritdoc/>
    protected override void StartFrame()
    {
        _fragmentActive = false;
        _hasIdr = _hasSps = _hasPps = _hasSlice = false;
    }

    /// <inheritdoc/>
    protected override void OnPacketLoss()
    {
        _waitForKeyFrame = true;
        _fragmentActive = false;
    }

    /// <inheritdoc/>
    protected override void ProcessPayload(ReadOnlySpan<byte> payload, in RtpPacket packet)
    {
        if (payload.IsEmpty || (payload[0] & 0x80) != 0)
        {
            // Empty, or forbidden_zero_bit set.
            Malformed();
            return;
        }

        int type = payload[0] & 0x1F;
        switch (type)
        {
            case >= 1 and <= 23:
                if (_fragmentActive)
                {
                    // A new NAL while a fragmented one never got its end: the fragment is incomplete.
                    Malformed();
                    return;
                }

                AppendNal(payload);
                break;
            case 24:
                ProcessStapA(payload[1..]);
                break;
            case 28:
                ProcessFuA(payload);
                break;
            default:
                // STAP-B, MTAP16/24, FU-B belong to the interleaved mode (packetization-mode=2), which is not
                // negotiated; 0, 30, 31 are undefined.
                Malformed();
                break;
        }
    }

    /// <inheritdoc/>
    protected override bool CompleteFrame(out bool isKeyFrame, out int width, out int height)
    {
        width = height = 0;
        isKeyFrame = _hasIdr;
        return AnnexBAccessUnit.TryComplete(Buffer, Statistics, _fragmentActive, _hasIdr, ref _waitForKeyFrame, [(_hasSps, _sps), (_hasPps, _pps)]);
    }

    private void ProcessStapA(ReadOnlySpan<byte> units)
    {
        if (units.IsEmpty)
        {
            Malformed();
            return;
        }

        while (!units.IsEmpty)
        {
            if (units.Length < 2)
            {
                Malformed();
                return;
            }

            int size = BinaryPrimitives.ReadUInt16BigEndian(units);
            if (size == 0 || size > units.Length - 2)
            {
                Malformed();
                return;
            }

            var nal = units.Slice(2, size);
            if ((nal[0] & 0x80) != 0 || (nal[0] & 0x1F) is 0 or >= 24)
            {
                Malformed();
                return;
            }

            AppendNal(nal);
            units = units[(2 + size)..];
        }
    }

    private void ProcessFuA(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 3)
        {
            Malformed();
            return;
        }

        byte indicator = payload[0];
        byte header = payload[1];
        bool start = (header & 0x80) != 0;
        bool end = (header & 0x40) != 0;
        int nalType = header & 0x1F;
        if (start && end)
        {
            // RFC 6184 §5.8: Start and End must not both be set.
            Malformed();
            return;
        }

        if (start)
        {
            if (_fragmentActive || nalType is 0 or >= 24)
            {
                Malformed();
                return;
            }

            _fragmentActive = true;
            NoteNalType(nalType, default);
            Buffer.Append(AnnexBAccessUnit.StartCode);
            Buffer.Append((byte)((indicator & 0xE0) | nalType));
        }
        else if (!_fragmentActive)
        {
            // A middle or end fragment whose start was lost.
            Malformed();
            return;
        }

        Buffer.Append(payload[2..]);
        if (end)
        {
            _fragmentActive = false;
        }
    }

    private void AppendNal(ReadOnlySpan<byte> nal)
    {
        int type = nal[0] & 0x1F;
        if (_hasSlice && ((type == 7 && _sps is not null && nal.SequenceEqual(_sps)) || (type == 8 && _pps is not null && nal.SequenceEqual(_pps))))
        {
            // Some payloaders (rtph264pay with config-interval=-1 and multi-slice encoders) repeat SPS/PPS before
            // every slice. Between slices of one picture they would start a new access unit for a decoder
            // (H.264 §7.4.1.2.3), splitting the picture; the copies are identical, so they are dropped.
            return;
        }

        NoteNalType(type, nal);
        Buffer.Append(AnnexBAccessUnit.StartCode);
        Buffer.Append(nal);
    }

    private void NoteNalType(int type, ReadOnlySpan<byte> nal)
    {
        switch (type)
        {
            case >= 1 and <= 4:
                _hasSlice = true;
                break;
            case 5:
                _hasIdr = true;
                _hasSlice = true;
                break;
            case 7:
                _hasSps = true;
                if (!nal.IsEmpty)
                {
                    RememberParameterSet(nal);
                }

                break;
            case 8:
                _hasPps = true;
                if (!nal.IsEmpty)
                {
                    RememberParameterSet(nal);
                }

                break;
        }
    }

    private void RememberParameterSet(ReadOnlySpan<byte> nal)
    {
        if (nal.IsEmpty)
        {
            return;
        }

        switch (nal[0] & 0x1F)
        {
            case 7 when _sps is null || !nal.SequenceEqual(_sps):
                _sps = nal.ToArray();
                break;
            case 8 when _pps is null || !nal.SequenceEqual(_pps):
                _pps = nal.ToArray();
                break;
        }
    }
}
