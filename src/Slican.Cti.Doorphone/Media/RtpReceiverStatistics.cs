using System.Buffers.Binary;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// Reception statistics of one RTP source as RFC 3550 §6.4.1 and Appendix A.1/A.3 define them (extended highest
/// sequence number, cumulative and interval loss, interarrival jitter, last SR), and the receiver report built from
/// them. Thread-safe: packets and sender reports may come from different loops.
/// </summary>
public sealed class RtpReceiverStatistics
{
    private readonly object _gate = new();
    private readonly uint _ownSsrc;
    private readonly string _cname;
    private bool _initialized;
    private uint _sourceSsrc;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;
    private uint _lastSenderReport;
    private long _lastSenderReportArrival;
    private bool _haveSenderReport;

    /// <summary>Creates the statistics for a receiver with its own SSRC and CNAME.</summary>
    public RtpReceiverStatistics(uint ownSsrc, string cname)
    {
        _ownSsrc = ownSsrc;
        _cname = cname.Length > 255 ? cname[..255] : cname;
    }

    /// <summary>Packets received.</summary>
    public long PacketsReceived
    {
        get
        {
            lock (_gate)
            {
                return _received;
            }
        }
    }

    /// <summary>Packets expected minus received since the first packet (may be negative with duplicates).</summary>
    public long CumulativeLost
    {
        get
        {
            lock (_gate)
            {
                return _initialized ? ExtendedMax - _baseSequence + 1 - _received : 0;
            }
        }
    }

    /// <summary>Interarrival jitter in timestamp units.</summary>
    public uint Jitter
    {
        get
        {
            lock (_gate)
            {
                return (uint)_jitter;
            }
        }
    }

    private long ExtendedMax => _cycles + _maxSequence;

    /// <summary>Records one packet. <paramref name="arrival"/> is in the media clock's units (e.g. 90 kHz ticks).</summary>
    public void OnPacket(uint ssrc, ushort sequence, uint rtpTimestamp, long arrival)
    {
        lock (_gate)
        {
            if (!_initialized || ssrc != _sourceSsrc)
            {
                _initialized = true;
                _sourceSsrc = ssrc;
                _baseSequence = sequence;
                _maxSequence = sequence;
                _cycles = 0;
                _received = 0;
                _expectedPrior = 0;
                _receivedPrior = 0;
                _jitter = 0;
                _haveTransit = false;
            }
            else
            {
                ushort delta = (ushort)(sequence - _maxSequence);
                if (delta is > 0 and < 3000)
                {
                    if (sequence < _maxSequence)
                    {
                        _cycles += 65536;
                    }

                    _maxSequence = sequence;
                }
            }

            _received++;
            long transit = arrival - rtpTimestamp;
            if (_haveTransit)
            {
                long d = Math.Abs(transit - _lastTransit);
                _jitter += (d - _jitter) / 16.0;
            }

            _lastTransit = transit;
            _haveTransit = true;
        }
    }

    /// <summary>Records an RTCP sender report (the middle 32 bits of its NTP timestamp) and when it arrived (Stopwatch-style ticks of the client's TimeProvider).</summary>
    public void OnSenderReport(uint ssrc, ulong ntpTimestamp, long arrivalTimestamp)
    {
        lock (_gate)
        {
            if (_initialized && ssrc != _sourceSsrc)
            {
                return;
            }

            _lastSenderReport = (uint)(ntpTimestamp >> 16);
            _lastSenderReportArrival = arrivalTimestamp;
            _haveSenderReport = true;
        }
    }

    /// <summary>
    /// Writes a compound RTCP packet (RR with one report block + SDES CNAME) into <paramref name="destination"/>;
    /// returns its length. <paramref name="nowTimestamp"/> and <paramref name="timestampFrequency"/> come from the
    /// TimeProvider and give the DLSR field.
    /// </summary>
    public int WriteReceiverReport(Span<byte> destination, long nowTimestamp, long timestampFrequency)
    {
        lock (_gate)
        {
            int blocks = _initialized ? 1 : 0;
            int rrLength = 8 + (24 * blocks);
            int cnameLength = System.Text.Encoding.UTF8.GetByteCount(_cname);
            int sdesChunk = 4 + 2 + cnameLength + 1;
            int sdesPadded = (sdesChunk + 3) & ~3;
            int total = rrLength + 4 + sdesPadded;
            if (destination.Length < total)
            {
                throw new ArgumentException("The destination is too small for the receiver report.", nameof(destination));
            }

            destination[..total].Clear();
            destination[0] = (byte)(0x80 | blocks);
            destination[1] = 201;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((rrLength / 4) - 1));
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], _ownSsrc);
            if (blocks == 1)
            {
                var block = destination[8..];
                long expected = ExtendedMax - _baseSequence + 1;
                long lost = Math.Clamp(expected - _received, -0x800000, 0x7FFFFF);
                long expectedInterval = expected - _expectedPrior;
                long receivedInterval = _received - _receivedPrior;
                long lostInterval = expectedInterval - receivedInterval;
                _expectedPrior = expected;
                _receivedPrior = _received;
                byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
                BinaryPrimitives.WriteUInt32BigEndian(block, _sourceSsrc);
                block[4] = fraction;
                block[5] = (byte)(lost >> 16);
                block[6] = (byte)(lost >> 8);
                block[7] = (byte)lost;
                BinaryPrimitives.WriteUInt32BigEndian(block[8..], (uint)ExtendedMax);
                BinaryPrimitives.WriteUInt32BigEndian(block[12..], (uint)_jitter);
                if (_haveSenderReport)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(block[16..], _lastSenderReport);
                    double delaySeconds = (double)(nowTimestamp - _lastSenderReportArrival) / timestampFrequency;
                    BinaryPrimitives.WriteUInt32BigEndian(block[20..], (uint)Math.Clamp(delaySeconds * 65536, 0, uint.MaxValue));
                }
            }

            var sdes = destination[rrLength..];
            sdes[0] = 0x81;
            sdes[1] = 202;
            BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (ushort)(((4 + sdesPadded) / 4) - 1));
            BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], _ownSsrc);
            sdes[8] = 1; // CNAME
            sdes[9] = (byte)cnameLength;
            System.Text.Encoding.UTF8.GetBytes(_cname, sdes[10..]);
            return total;
        }
    }

    /// <summary>Reads the sender reports of a compound RTCP packet into the statistics; ignores anything malformed.</summary>
    public void ProcessRtcp(ReadOnlySpan<byte> packet, long arrivalTimestamp)
    {
        while (packet.Length >= 4)
        {
            if ((packet[0] >> 6) != 2)
            {
                return;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
            if (length > packet.Length)
            {
                return;
            }

            if (packet[1] == 200 && length >= 28)
            {
                OnSenderReport(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), BinaryPrimitives.ReadUInt64BigEndian(packet[8..]), arrivalTimestamp);
            }

            packet = packet[length..];
        }
    }
}
