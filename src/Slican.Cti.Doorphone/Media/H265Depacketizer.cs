using System.Buffers.Binary;
using System.Globalization;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// H.265 over RTP (RFC 7798): single NAL unit packets, aggregation packets (AP, type 48) and fragmentation units
/// (FU, type 49), with DONL/DOND fields when <c>sprop-max-don-diff</c> is above 0. Produces Annex-B access units
/// from the first IRAP picture (NAL types 16–21) on; VPS/SPS/PPS from the SDP or the stream are put in front of
/// every IRAP that lacks them. PACI packets (type 50) are counted as malformed and skipped.
/// </summary>
public sealed class H265Depacketizer : RtpDepacketizer
{
    private readonly bool _donPresent;
    private byte[]? _vps;
    private byte[]? _sps;
    private byte[]? _pps;
    private bool _waitForKeyFrame = true;
    private bool _fragmentActive;
    private bool _hasIrap;
    private bool _hasVps;
    private bool _hasSps;
    private bool _hasPps;
    private bool _hasSlice;

    /// <summary>Creates the depacketizer.</summary>
    /// <param name="onFrame">Receives each frame (the receiver owns it).</param>
    /// <param name="formatParameters">The SDP fmtp parameters (sprop-vps/sps/pps, sprop-max-don-diff); may be null.</param>
    /// <param name="timeProvider">Clock for frame times.</param>
    /// <param name="maxFrameBytes">Size limit per frame.</param>
    public H265Depacketizer(Action<VideoFrame> onFrame, IReadOnlyDictionary<string, string>? formatParameters = null, TimeProvider? timeProvider = null, int maxFrameBytes = 8 * 1024 * 1024)
        : base(onFrame, timeProvider, maxFrameBytes)
    {
        if (formatParameters is null)
        {
            return;
        }

        foreach (string key in new[] { "sprop-vps", "sprop-sps", "sprop-pps" })
        {
            if (formatParameters.TryGetValue(key, out string? sets))
            {
                foreach (var set in ParameterSets.DecodeBase64List(sets))
                {
                    RememberParameterSet(set);
                }
            }
        }

        _donPresent = formatParameters.TryGetValue("sprop-max-don-diff", out string? diff)
            && int.TryParse(diff, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0;
    }

    /// <inheritdoc/>
    public override VideoCodec Codec => VideoCodec.H265;

    /// <inheritdoc/>
    protected override void StartFrame()
    {
        _fragmentActive = false;
        _hasIrap = _hasVps = _hasSps = _hasPps = _hasSlice = false;
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
        if (payload.Length < 3 || (payload[0] & 0x80) != 0)
        {
            Malformed();
            return;
        }

        int type = (payload[0] >> 1) & 0x3F;
        switch (type)
        {
            case < 48:
                if (_fragmentActive)
                {
                    Malformed();
                    return;
                }

                AppendNal(payload);
                break;
            case 48:
                ProcessAggregation(payload[2..]);
                break;
            case 49:
                ProcessFragment(payload);
                break;
            default:
                Malformed();
                break;
        }
    }

    /// <inheritdoc/>
    protected override bool CompleteFrame(out bool isKeyFrame, out int width, out int height)
    {
        width = height = 0;
        isKeyFrame = _hasIrap;
        return AnnexBAccessUnit.TryComplete(Buffer, Statistics, _fragmentActive, _hasIrap, ref _waitForKeyFrame, [(_hasVps, _vps), (_hasSps, _sps), (_hasPps, _pps)]);
    }

    private void ProcessAggregation(ReadOnlySpan<byte> units)
    {
        bool first = true;
        int count = 0;
        while (!units.IsEmpty)
        {
            // DONL (2 bytes) before the first unit, DOND (1 byte) before the others, when DON is in use.
            int skip = _donPresent ? (first ? 2 : 1) : 0;
            if (units.Length < skip + 2)
            {
                Malformed();
                return;
            }

            units = units[skip..];
            int size = BinaryPrimitives.ReadUInt16BigEndian(units);
            if (size < 2 || size > units.Length - 2)
            {
                Malformed();
                return;
            }

            var nal = units.Slice(2, size);
            if ((nal[0] & 0x80) != 0 || ((nal[0] >> 1) & 0x3F) >= 48)
            {
                Malformed();
                return;
            }

            AppendNal(nal);
            units = units[(2 + size)..];
            first = false;
            count++;
        }

        if (count < 2)
        {
            // RFC 7798 §4.4.2: an AP carries at least two units.
            Malformed();
        }
    }

    private void ProcessFragment(ReadOnlySpan<byte> payload)
    {
        byte fu = payload[2];
        bool start = (fu & 0x80) != 0;

        // RFC 7798 §4.4.3: DONL only in the first fragment (S=1), and only when DON is in use.
        int headerLength = 3 + (_donPresent && start ? 2 : 0);
        if (payload.Length <= headerLength)
        {
            Malformed();
            return;
        }

        bool end = (fu & 0x40) != 0;
        int nalType = fu & 0x3F;
        if (start && end)
        {
            Malformed();
            return;
        }

        if (start)
        {
            if (_fragmentActive || nalType >= 48)
            {
                Malformed();
                return;
            }

            _fragmentActive = true;
            NoteNalType(nalType, default);
            Buffer.Append(AnnexBAccessUnit.StartCode);
            Buffer.Append((byte)((payload[0] & 0x81) | (nalType << 1)));
            Buffer.Append(payload[1]);
        }
        else if (!_fragmentActive)
        {
            Malformed();
            return;
        }

        Buffer.Append(payload[headerLength..]);
        if (end)
        {
            _fragmentActive = false;
        }
    }

    private void AppendNal(ReadOnlySpan<byte> nal)
    {
        int type = (nal[0] >> 1) & 0x3F;
        if (_hasSlice && ((type == 32 && _vps is not null && nal.SequenceEqual(_vps)) || (type == 33 && _sps is not null && nal.SequenceEqual(_sps)) || (type == 34 && _pps is not null && nal.SequenceEqual(_pps))))
        {
            // Repeated parameter sets between slices of one picture would split it for a decoder; drop the copies.
            return;
        }

        NoteNalType(type, nal);
        Buffer.Append(AnnexBAccessUnit.StartCode);
        Buffer.Append(nal);
    }

    private void NoteNalType(int type, ReadOnlySpan<byte> nal)
    {
        if (type < 32)
        {
            _hasSlice = true;
        }

        switch (type)
        {
            case >= 16 and <= 21:
                _hasIrap = true;
                break;
            case 32:
                _hasVps = true;
                RememberParameterSet(nal);
                break;
            case 33:
                _hasSps = true;
                RememberParameterSet(nal);
                break;
            case 34:
                _hasPps = true;
                RememberParameterSet(nal);
                break;
        }
    }

    private void RememberParameterSet(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 2)
        {
            return;
        }

        switch ((nal[0] >> 1) & 0x3F)
        {
            case 32 when _vps is null || !nal.SequenceEqual(_vps):
                _vps = nal.ToArray();
                break;
            case 33 when _sps is null || !nal.SequenceEqual(_sps):
                _sps = nal.ToArray();
                break;
            case 34 when _pps is null || !nal.SequenceEqual(_pps):
                _pps = nal.ToArray();
                break;
        }
    }
}
