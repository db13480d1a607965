using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Rtp;

/// <summary>
/// One G.711 audio stream: an RTP socket and its RTCP socket, a sender paced at 20 ms on the injected
/// <see cref="TimeProvider"/> (catching up after a late tick so the rate never drifts), a receiver feeding an
/// adaptive <see cref="JitterBuffer"/> played out on the same clock, RFC 4733 DTMF in both directions, symmetric
/// RTP (replies go where the peer's packets come from, which traverses NAT), and RTCP SR/RR every 5 s.
/// </summary>
public sealed class RtpAudioSession : IAsyncDisposable
{
    private static readonly long FrameTicks = AudioFormat.FrameDuration.Ticks;
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _dtmfGate = new();
    private readonly Queue<(char Digit, int Frames, TaskCompletionSource Done)> _dtmfQueue = new();
    private readonly short[] _pcm = new short[AudioFormat.SamplesPerFrame];
    private readonly short[] _playout = new short[AudioFormat.SamplesPerFrame];

    // the packets of the current tick, prepared before its deadline and sent at it (three for a DTMF end event)
    private readonly byte[][] _prepared = [new byte[RtpHeader.FixedSize + AudioFormat.SamplesPerFrame], new byte[RtpHeader.FixedSize + DtmfEvent.Size], new byte[RtpHeader.FixedSize + DtmfEvent.Size]];
    private int _preparedCount, _preparedLength, _preparedPayload;
    private bool _preparedAudio;
    private IPEndPoint? _preparedRemote;
    private TaskCompletionSource? _preparedDtmfDone;
    private Task? _pacer;
    private Task? _receiver;
    private Task? _rtcpReceiver;
    private ITimer? _rtcpTimer;
    private ushort _sequence;
    private uint _timestamp;
    private bool _firstPacket = true;
    private int _clockRegistered;
    private readonly object _tickGate = new();

    // current DTMF event being sent
    private (char Digit, int Frames, TaskCompletionSource Done)? _dtmf;
    private int _dtmfFramesSent;
    private uint _dtmfTimestamp;

    // receive statistics (RFC 3550 A.1, A.8)
    private readonly object _statsGate = new();
    private long _packetsSent, _octetsSent, _packetsReceived, _rtcpSent, _rtcpReceived, _dtmfReceivedCount;
    private uint _remoteSsrc;
    private int _baseSeq = -1;
    private long _maxExtSeq;
    private long _expectedPrior, _receivedPrior;
    private double _jitter;
    private long _lastTransit = long.MinValue;
    private uint _lastSrNtpMiddle;
    private long _lastSrArrivalTicks;
    private double? _remoteFractionLost, _remoteJitterMs;
    private TimeSpan? _rtt;
    private uint _lastDtmfEndTimestamp = uint.MaxValue;
    private bool _dtmfEndSeen;

    internal RtpAudioSession(Socket rtp, Socket rtcp, TimeProvider time, ILogger logger, IRandomSource random)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        _time = time;
        _logger = logger;
        Ssrc = random.NextUInt32();
        _sequence = (ushort)random.NextUInt32();
        _timestamp = random.NextUInt32();
        LocalEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
    }

    /// <summary>Our synchronisation source identifier.</summary>
    public uint Ssrc { get; }

    /// <summary>Local RTP address and port (RTCP is port + 1).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where RTP goes; updated by SDP and, with <see cref="SymmetricRtp"/>, by where packets arrive from.</summary>
    public IPEndPoint? RemoteEndPoint { get; set; }

    /// <summary>Where RTCP goes (RTP port + 1 unless SDP said otherwise).</summary>
    public IPEndPoint? RemoteRtcpEndPoint { get; set; }

    /// <summary>Send to the address packets come from (NAT traversal). Default true.</summary>
    public bool SymmetricRtp { get; set; } = true;

    /// <summary>Codec in use.</summary>
    public G711Law Codec { get; set; } = G711Law.ALaw;

    /// <summary>Negotiated telephone-event payload type, or null when the peer does not do RFC 4733.</summary>
    public byte? TelephoneEventPayloadType { get; set; }

    /// <summary>Media direction from our point of view; hold stops sending and/or playout.</summary>
    public MediaDirection Direction { get; set; } = MediaDirection.SendRecv;

    /// <summary>Audio to send; silence when null.</summary>
    public IAudioSource? Source { get; set; }

    /// <summary>Where the peer's audio goes; discarded when null.</summary>
    public IAudioSink? Sink { get; set; }

    /// <summary>Send silence instead of <see cref="Source"/>'s audio.</summary>
    public bool Muted { get; set; }

    /// <summary>The jitter buffer (for diagnostics).</summary>
    public JitterBuffer JitterBuffer { get; } = new();

    /// <summary>Raised for each DTMF digit received by RFC 4733 (once per event, at its end).</summary>
    public event Action<char>? DtmfReceived;

    /// <summary>Called with the timestamp (<see cref="TimeProvider.GetTimestamp"/>) of every audio packet sent; for the pacing benchmark.</summary>
    internal Action<long>? OnPacketSent { get; set; }

    /// <summary>The shared clock this session ticks on, or null for its own <see cref="PeriodicTimer"/>.</summary>
    internal MediaClock? Clock { get; init; }

    /// <summary>Starts the pacer and the receivers.</summary>
    public void Start()
    {
        if (Clock is not null)
        {
            if (Interlocked.Exchange(ref _clockRegistered, 1) == 0)
            {
                Clock.Register(this);
            }
        }
        else
        {
            _pacer ??= Task.Run(PaceAsync);
        }

        _receiver ??= Task.Run(ReceiveRtpAsync);
        _rtcpReceiver ??= Task.Run(ReceiveRtcpAsync);
        _rtcpTimer ??= _time.CreateTimer(_ => SendRtcp(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>Sends one DTMF digit by RFC 4733; completes when its end packets have gone out.</summary>
    /// <exception cref="InvalidOperationException">The peer did not negotiate telephone-event (use SIP INFO).</exception>
    public Task SendDtmfAsync(char digit, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        if (TelephoneEventPayloadType is null)
        {
            throw new InvalidOperationException("The peer did not negotiate RFC 4733 telephone-event; send DTMF by SIP INFO instead.");
        }

        _ = DtmfEvent.CodeOf(digit);
        int frames = Math.Max(2, (int)((duration ?? TimeSpan.FromMilliseconds(100)).Ticks / FrameTicks));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_dtmfGate)
        {
            _dtmfQueue.Enqueue((digit, frames, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Current counters and quality figures.</summary>
    public RtpStatistics GetStatistics()
    {
        lock (_statsGate)
        {
            long expected = _baseSeq < 0 ? 0 : _maxExtSeq - _baseSeq + 1;
            return new RtpStatistics
            {
                PacketsSent = _packetsSent,
                OctetsSent = _octetsSent,
                PacketsReceived = _packetsReceived,
                PacketsLost = expected - _packetsReceived,
                JitterMs = _jitter / 8.0,
                RemoteFractionLost = _remoteFractionLost,
                RemoteJitterMs = _remoteJitterMs,
                RoundTripTime = _rtt,
                RtcpSent = _rtcpSent,
                RtcpReceived = _rtcpReceived,
                ConcealedFrames = JitterBuffer.ConcealedFrames,
                DtmfReceived = _dtmfReceivedCount,
            };
        }
    }

    private async Task PaceAsync()
    {
        using var timer = new PeriodicTimer(AudioFormat.FrameDuration, _time);
        long start = _time.GetTimestamp();
        long frames = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                long due = _time.GetElapsedTime(start).Ticks / FrameTicks;
                int burst = 0;
                while (frames < due && burst++ < 5)
                {
                    Tick();
                    frames++;
                }

                frames = Math.Max(frames, due - 5); // more than 100 ms behind: skip rather than burst
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Clock phase 1, ahead of the deadline: read, encode and packetise the next frame (or DTMF packets) so that
    /// phase 2 is nothing but a send.
    /// </summary>
    internal void PrepareFromClock() => RunClockPhase(ClockPhase.Prepare);

    /// <summary>Clock phase 2, at the deadline: send what phase 1 prepared.</summary>
    internal void SendFromClock() => RunClockPhase(ClockPhase.Send);

    /// <summary>Clock phase 3, after every call has sent: play one frame out of the jitter buffer.</summary>
    internal void PlayOutFromClock() => RunClockPhase(ClockPhase.PlayOut);

    /// <summary>Runs one phase for the shared clock; errors are contained to this session.</summary>
    private void RunClockPhase(ClockPhase phase)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            lock (_tickGate)
            {
                switch (phase)
                {
                    case ClockPhase.Prepare: PrepareOutgoing(); break;
                    case ClockPhase.Send: SendPrepared(); break;
                    default: PlayOut(); break;
                }
            }
        }
#pragma warning disable CA1031 // a failing source or sink must not stop the clock of every other call
        catch (Exception ex)
#pragma warning restore CA1031
        {
            VoipLog.RtpError(_logger, LocalEndPoint, $"media {phase} failed: {ex.Message}");
        }
    }

    /// <summary>One 20 ms media clock tick: send a frame, play a frame.</summary>
    internal void Tick()
    {
        lock (_tickGate)
        {
            PrepareOutgoing();
            SendPrepared();
            PlayOut();
        }
    }

    private void PlayOut()
    {
        if (Direction.Receives())
        {
            bool real = JitterBuffer.Pull(_playout);
            if (real || Sink is not null)
            {
                Sink?.WriteFrame(_playout);
            }
        }
    }

    /// <summary>Fills <see cref="_prepared"/> with this tick's packets and advances the RTP timestamp.</summary>
    private void PrepareOutgoing()
    {
        _preparedCount = 0;
        _preparedAudio = false;
        var direction = Direction;
        _preparedRemote = RemoteEndPoint;
        if (direction.Sends() && _preparedRemote is not null && !PrepareDtmf())
        {
            var source = Source;
            if (source is null || Muted)
            {
                Array.Clear(_pcm);
                if (source is not null)
                {
                    source.ReadFrame(_pcm); // keep the source's clock moving while muted
                    Array.Clear(_pcm);
                }
            }
            else
            {
                source.ReadFrame(_pcm);
            }

            byte[] packet = _prepared[0];
            var payload = packet.AsSpan(RtpHeader.FixedSize, AudioFormat.SamplesPerFrame);
            if (Codec == G711Law.ALaw)
            {
                G711.EncodeALaw(_pcm, payload);
            }
            else
            {
                G711.EncodeMuLaw(_pcm, payload);
            }

            RtpHeader.Write(packet, _firstPacket, (byte)Codec, _sequence++, _timestamp, Ssrc);
            _firstPacket = false;
            _preparedLength = RtpHeader.FixedSize + AudioFormat.SamplesPerFrame;
            _preparedPayload = AudioFormat.SamplesPerFrame;
            _preparedCount = 1;
            _preparedAudio = true;
        }

        _timestamp += AudioFormat.SamplesPerFrame;
    }

    private void SendPrepared()
    {
        var remote = _preparedRemote;
        if (remote is null)
        {
            return;
        }

        for (int i = 0; i < _preparedCount; i++)
        {
            Send(_prepared[i].AsSpan(0, _preparedLength), remote, _preparedPayload);
        }

        if (_preparedAudio)
        {
            OnPacketSent?.Invoke(_time.GetTimestamp());
        }

        _preparedCount = 0;
        _preparedDtmfDone?.TrySetResult();
        _preparedDtmfDone = null;
    }

    /// <summary>Prepares this tick's RFC 4733 packets when a digit is being sent; false when there is none.</summary>
    private bool PrepareDtmf()
    {
        if (TelephoneEventPayloadType is not { } pt)
        {
            return false;
        }

        lock (_dtmfGate)
        {
            if (_dtmf is null)
            {
                if (_dtmfQueue.Count == 0)
                {
                    return false;
                }

                _dtmf = _dtmfQueue.Dequeue();
                _dtmfFramesSent = 0;
                _dtmfTimestamp = _timestamp;
            }

            var current = _dtmf.Value;
            _dtmfFramesSent++;
            bool end = _dtmfFramesSent >= current.Frames;
            ushort duration = (ushort)Math.Min(ushort.MaxValue, _dtmfFramesSent * AudioFormat.SamplesPerFrame);
            var evt = new DtmfEvent(DtmfEvent.CodeOf(current.Digit), end, 10, duration);
            int repeats = end ? 3 : 1; // RFC 4733 §2.5.1.4: the end packet is sent three times
            for (int i = 0; i < repeats; i++)
            {
                var packet = _prepared[i].AsSpan(0, RtpHeader.FixedSize + DtmfEvent.Size);
                RtpHeader.Write(packet, _dtmfFramesSent == 1, pt, _sequence++, _dtmfTimestamp, Ssrc);
                evt.Write(packet[RtpHeader.FixedSize..]);
            }

            _preparedCount = repeats;
            _preparedLength = RtpHeader.FixedSize + DtmfEvent.Size;
            _preparedPayload = DtmfEvent.Size;
            if (end)
            {
                _dtmf = null;
                _preparedDtmfDone = current.Done; // completed by SendPrepared, once the end packets are out
            }
        }

        return true;
    }

    private void Send(ReadOnlySpan<byte> packet, IPEndPoint remote, int payloadBytes)
    {
        try
        {
            _rtp.SendTo(packet, SocketFlags.None, remote);
            lock (_statsGate)
            {
                _packetsSent++;
                _octetsSent += payloadBytes;
            }
        }
        catch (SocketException ex)
        {
            VoipLog.RtpError(_logger, LocalEndPoint, ex.SocketErrorCode.ToString());
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveRtpAsync()
    {
        var buffer = new byte[2048];
        var decoded = new short[AudioFormat.SamplesPerFrame * 4];

        // The SocketAddress overload receives without allocating; the sender's IPEndPoint is only rebuilt when the
        // sender changes (50 packets a second per call would otherwise be 50 endpoints for the GC).
        var template = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var received = new SocketAddress(template.AddressFamily);
        var lastAddress = new SocketAddress(template.AddressFamily);
        IPEndPoint? lastSource = null;
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _rtp.ReceiveFromAsync(buffer, SocketFlags.None, received, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (lastSource is null || !received.Equals(lastAddress))
            {
                lastSource = (IPEndPoint)template.Create(received);
                lastAddress.Size = received.Size;
                received.Buffer.Span[..received.Size].CopyTo(lastAddress.Buffer.Span);
            }

            OnRtp(buffer.AsSpan(0, length), lastSource, decoded);
        }
    }

    /// <summary>Handles one received RTP packet (public to tests through InternalsVisibleTo).</summary>
    internal void OnRtp(ReadOnlySpan<byte> packet, IPEndPoint source, Span<short> decoded)
    {
        if (!RtpHeader.TryParse(packet, out var header))
        {
            return;
        }

        if (SymmetricRtp && (RemoteEndPoint is null || !RemoteEndPoint.Equals(source)))
        {
            RemoteEndPoint = source;
            RemoteRtcpEndPoint = new IPEndPoint(source.Address, source.Port + 1);
        }

        long arrival = _time.GetTimestamp();
        long arrivalTicks = (long)(arrival * ((double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));
        UpdateReceiveStats(header, arrivalTicks);
        var payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        if (TelephoneEventPayloadType is { } tpt && header.PayloadType == tpt)
        {
            if (DtmfEvent.TryParse(payload, out var evt) && evt.End)
            {
                bool fresh;
                lock (_statsGate)
                {
                    fresh = !_dtmfEndSeen || _lastDtmfEndTimestamp != header.Timestamp;
                    _lastDtmfEndTimestamp = header.Timestamp;
                    _dtmfEndSeen = true;
                    if (fresh)
                    {
                        _dtmfReceivedCount++;
                    }
                }

                if (fresh && DtmfEvent.DigitOf(evt.Event) is { } digit)
                {
                    DtmfReceived?.Invoke(digit);
                }
            }

            return;
        }

        if (!Direction.Receives() || header.PayloadLength == 0)
        {
            return;
        }

        int n = Math.Min(payload.Length, decoded.Length);
        if (header.PayloadType == (byte)G711Law.MuLaw)
        {
            G711.DecodeMuLaw(payload[..n], decoded);
        }
        else if (header.PayloadType == (byte)G711Law.ALaw)
        {
            G711.DecodeALaw(payload[..n], decoded);
        }
        else
        {
            return;
        }

        // 20 ms packets go straight in; other packet times are cut into 20 ms frames by sequence of their own.
        for (int offset = 0, k = 0; offset < n; offset += AudioFormat.SamplesPerFrame, k++)
        {
            int len = Math.Min(AudioFormat.SamplesPerFrame, n - offset);
            JitterBuffer.Put((ushort)(header.SequenceNumber + k), decoded.Slice(offset, len), arrivalTicks);
        }
    }

    private void UpdateReceiveStats(RtpHeader header, long arrivalTicks)
    {
        lock (_statsGate)
        {
            _packetsReceived++;
            _remoteSsrc = header.Ssrc;
            if (_baseSeq < 0)
            {
                _baseSeq = header.SequenceNumber;
                _maxExtSeq = header.SequenceNumber;
            }
            else
            {
                long cycles = _maxExtSeq & ~0xFFFFL;
                long ext = cycles | header.SequenceNumber;
                if (ext < _maxExtSeq - 0x8000)
                {
                    ext += 0x10000;
                }
                else if (ext > _maxExtSeq + 0x8000)
                {
                    ext -= 0x10000;
                }

                _maxExtSeq = Math.Max(_maxExtSeq, ext);
            }

            if (header.PayloadType is 0 or 8)
            {
                // RFC 3550 A.8 interarrival jitter in timestamp units (8 kHz).
                long arrivalUnits = arrivalTicks * AudioFormat.SampleRate / TimeSpan.TicksPerSecond;
                long transit = arrivalUnits - header.Timestamp;
                if (_lastTransit != long.MinValue)
                {
                    long d = Math.Abs(transit - _lastTransit);
                    if (d < AudioFormat.SampleRate * 10)
                    {
                        _jitter += (d - _jitter) / 16.0;
                    }
                }

                _lastTransit = transit;
            }
        }
    }

    private async Task ReceiveRtcpAsync()
    {
        var buffer = new byte[1500];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _rtcp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (SymmetricRtp)
            {
                RemoteRtcpEndPoint = (IPEndPoint)result.RemoteEndPoint;
            }

            OnRtcp(buffer.AsSpan(0, result.ReceivedBytes));
        }
    }

    /// <summary>Parses a compound RTCP packet: remembers SR times for our RR, and reads report blocks about us.</summary>
    internal void OnRtcp(ReadOnlySpan<byte> packet)
    {
        lock (_statsGate)
        {
            _rtcpReceived++;
        }

        while (packet.Length >= 8 && (packet[0] >> 6) == 2)
        {
            int count = packet[0] & 0x1F;
            byte type = packet[1];
            int length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
            if (length > packet.Length)
            {
                return;
            }

            var body = packet[..length];
            int blocks = 8;
            if (type == 200 && body.Length >= 28)
            {
                lock (_statsGate)
                {
                    _lastSrNtpMiddle = BinaryPrimitives.ReadUInt32BigEndian(body[10..]);
                    _lastSrArrivalTicks = _time.GetUtcNow().UtcTicks;
                }

                blocks = 28;
            }

            if (type is 200 or 201)
            {
                for (int i = 0; i < count && blocks + 24 <= body.Length; i++, blocks += 24)
                {
                    var rb = body.Slice(blocks, 24);
                    if (BinaryPrimitives.ReadUInt32BigEndian(rb) != Ssrc)
                    {
                        continue;
                    }

                    uint lsr = BinaryPrimitives.ReadUInt32BigEndian(rb[16..]);
                    uint dlsr = BinaryPrimitives.ReadUInt32BigEndian(rb[20..]);
                    lock (_statsGate)
                    {
                        _remoteFractionLost = rb[4] / 256.0;
                        _remoteJitterMs = BinaryPrimitives.ReadUInt32BigEndian(rb[12..]) / 8.0;
                        if (lsr != 0)
                        {
                            uint now = NtpMiddle(_time.GetUtcNow());
                            uint rtt = now - lsr - dlsr;
                            _rtt = TimeSpan.FromSeconds(rtt / 65536.0);
                        }
                    }
                }
            }

            packet = packet[length..];
        }
    }

    private void SendRtcp()
    {
        var remote = RemoteRtcpEndPoint ?? (RemoteEndPoint is { } r ? new IPEndPoint(r.Address, r.Port + 1) : null);
        if (remote is null || _stop.IsCancellationRequested)
        {
            return;
        }

        byte[] packet = BuildRtcpReport();
        try
        {
            _rtcp.SendTo(packet, SocketFlags.None, remote);
            lock (_statsGate)
            {
                _rtcpSent++;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Builds SR (or RR when we have not sent) with one report block, plus SDES CNAME.</summary>
    internal byte[] BuildRtcpReport()
    {
        var now = _time.GetUtcNow();
        lock (_statsGate)
        {
            bool haveRemote = _baseSeq >= 0;
            bool sender = _packetsSent > 0;
            int headerLen = sender ? 28 : 8;
            int blockLen = haveRemote ? 24 : 0;
            byte[] cname = System.Text.Encoding.ASCII.GetBytes($"slican-{Ssrc:x8}");
            int sdesLen = 4 + 4 + 2 + cname.Length;
            int sdesPadded = (sdesLen + 1 + 3) / 4 * 4; // one null item terminator, padded to 32 bits
            var buf = new byte[headerLen + blockLen + sdesPadded];
            var span = buf.AsSpan();
            span[0] = (byte)(0x80 | (haveRemote ? 1 : 0));
            span[1] = (byte)(sender ? 200 : 201);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)(((headerLen + blockLen) / 4) - 1));
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], Ssrc);
            if (sender)
            {
                ulong ntp = ToNtp(now);
                BinaryPrimitives.WriteUInt64BigEndian(span[8..], ntp);
                BinaryPrimitives.WriteUInt32BigEndian(span[16..], _timestamp);
                BinaryPrimitives.WriteUInt32BigEndian(span[20..], (uint)_packetsSent);
                BinaryPrimitives.WriteUInt32BigEndian(span[24..], (uint)_octetsSent);
            }

            if (haveRemote)
            {
                var rb = span.Slice(headerLen, 24);
                long expected = _maxExtSeq - _baseSeq + 1;
                long lost = Math.Clamp(expected - _packetsReceived, -0x800000, 0x7FFFFF);
                long expectedInterval = expected - _expectedPrior;
                long receivedInterval = _packetsReceived - _receivedPrior;
                _expectedPrior = expected;
                _receivedPrior = _packetsReceived;
                long lostInterval = expectedInterval - receivedInterval;
                byte fraction = expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
                BinaryPrimitives.WriteUInt32BigEndian(rb, _remoteSsrc);
                rb[4] = fraction;
                rb[5] = (byte)((lost >> 16) & 0xFF);
                rb[6] = (byte)((lost >> 8) & 0xFF);
                rb[7] = (byte)(lost & 0xFF);
                BinaryPrimitives.WriteUInt32BigEndian(rb[8..], (uint)_maxExtSeq);
                BinaryPrimitives.WriteUInt32BigEndian(rb[12..], (uint)_jitter);
                BinaryPrimitives.WriteUInt32BigEndian(rb[16..], _lastSrNtpMiddle);
                uint dlsr = _lastSrNtpMiddle == 0 ? 0 : (uint)((now.UtcTicks - _lastSrArrivalTicks) * 65536 / TimeSpan.TicksPerSecond);
                BinaryPrimitives.WriteUInt32BigEndian(rb[20..], dlsr);
            }

            var sdes = span[(headerLen + blockLen)..];
            sdes[0] = 0x81;
            sdes[1] = 202;
            BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (ushort)((sdesPadded / 4) - 1));
            BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], Ssrc);
            sdes[8] = 1; // CNAME
            sdes[9] = (byte)cname.Length;
            cname.CopyTo(sdes[10..]);
            return buf;
        }
    }

    private static ulong ToNtp(DateTimeOffset time)
    {
        var ntpEpoch = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long ticks = (time - ntpEpoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)((ticks % TimeSpan.TicksPerSecond) * 0x100000000L / TimeSpan.TicksPerSecond);
        return (seconds << 32) | fraction;
    }

    private static uint NtpMiddle(DateTimeOffset time) => (uint)((ToNtp(time) >> 16) & 0xFFFFFFFF);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Clock?.Unregister(this);
        if (_rtcpTimer is not null)
        {
            await _rtcpTimer.DisposeAsync().ConfigureAwait(false);
        }

        _rtp.Dispose();
        _rtcp.Dispose();
        foreach (var t in new[] { _pacer, _receiver, _rtcpReceiver })
        {
            if (t is not null)
            {
                await t.ConfigureAwait(false);
            }
        }

        lock (_dtmfGate)
        {
            while (_dtmfQueue.Count > 0)
            {
                _dtmfQueue.Dequeue().Done.TrySetCanceled();
            }

            _dtmf?.Done.TrySetCanceled();
        }
    }
}
