using System.Buffers;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// Puts UDP packets back in sequence order before depacketizing. Holds at most <c>capacity</c> packets while
/// waiting for a missing one; when full, it gives up on the gap and releases what it has, so loss costs a bounded
/// delay. Packets older than the last released one are dropped. Not thread-safe.
/// </summary>
public sealed class RtpReorderBuffer
{
    private readonly (byte[]? Data, int Length)[] _slots;
    private readonly int _capacity;
    private bool _started;
    private ushort _next;
    private int _held;

    /// <summary>Creates the buffer.</summary>
    /// <param name="capacity">Packets held at most while waiting for a gap to fill: a power of two from 2 to 256 (so slots stay aligned across sequence wrap-around).</param>
    public RtpReorderBuffer(int capacity = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 256);
        if (!System.Numerics.BitOperations.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be a power of two.");
        }

        _capacity = capacity;
        _slots = new (byte[]?, int)[capacity];
    }

    /// <summary>Packets dropped because they came after the sequence had moved past them.</summary>
    public long PacketsDropped { get; private set; }

    /// <summary>Adds a raw RTP packet; <paramref name="release"/> is called for each packet that is now in order.</summary>
    public void Add(ReadOnlySpan<byte> rtp, PacketHandler release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!RtpPacket.TryParse(rtp, out var packet))
        {
            return;
        }

        ushort sequence = packet.SequenceNumber;
        if (!_started)
        {
            _started = true;
            _next = sequence;
        }

        short delta = (short)(sequence - _next);
        if (delta < 0)
        {
            PacketsDropped++;
            return;
        }

        if (delta == 0)
        {
            release(rtp);
            _next++;
            Drain(release);
            return;
        }

        if (delta >= _capacity)
        {
            // Far ahead (a burst of loss or a sender restart): release what is held, in order, and jump.
            while (_held > 0)
            {
                ReleaseSlot(_next % _capacity, release);
                _next++;
            }

            _next = (ushort)(sequence + 1);
            release(rtp);
            return;
        }

        int slot = sequence % _capacity;
        if (_slots[slot].Data is not null)
        {
            PacketsDropped++;
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(rtp.Length);
        rtp.CopyTo(copy);
        _slots[slot] = (copy, rtp.Length);
        _held++;
        if (_held >= _capacity - 1)
        {
            // Give up on the gap.
            while (_slots[_next % _capacity].Data is null)
            {
                _next++;
            }

            Drain(release);
        }
    }

    private void Drain(PacketHandler release)
    {
        while (_held > 0 && _slots[_next % _capacity].Data is not null)
        {
            ReleaseSlot(_next % _capacity, release);
            _next++;
        }
    }

    private void ReleaseSlot(int slot, PacketHandler release)
    {
        var (data, length) = _slots[slot];
        if (data is null)
        {
            return;
        }

        _slots[slot] = (null, 0);
        _held--;
        try
        {
            release(data.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}
