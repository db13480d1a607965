using System.Buffers.Binary;
using System.Text;

namespace Slican.Cti.Voip.Media;

/// <summary>The WAV file could not be used: not RIFF/WAVE, not PCM, or not 8 kHz mono 16-bit.</summary>
public sealed class WavFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public WavFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>Reads 8 kHz mono 16-bit PCM WAV files into memory (the format G.711 calls carry).</summary>
public static class WavReader
{
    /// <summary>Reads all samples of a WAV file.</summary>
    public static async Task<short[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(bytes, path);
    }

    /// <summary>Reads all samples from WAV bytes.</summary>
    public static short[] Read(ReadOnlySpan<byte> bytes, string name = "WAV data")
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException($"{name} is not a RIFF/WAVE file.");
        }

        int pos = 12;
        bool haveFormat = false;
        while (pos + 8 <= bytes.Length)
        {
            var id = bytes.Slice(pos, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(pos + 4, 4));
            pos += 8;
            if (size < 0 || pos + size > bytes.Length)
            {
                size = bytes.Length - pos; // tolerate writers that leave the size unset
            }

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16)
                {
                    throw new WavFormatException($"{name} has a short fmt chunk.");
                }

                var fmt = bytes.Slice(pos, size);
                int format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                int rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (format != 1 || channels != 1 || rate != AudioFormat.SampleRate || bits != 16)
                {
                    throw new WavFormatException($"{name} is format {format}, {channels} channel(s), {rate} Hz, {bits} bit; calls need PCM (1), mono, 8000 Hz, 16 bit. Convert it, e.g. 'sox in.wav -r 8000 -c 1 -b 16 out.wav'.");
                }

                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    throw new WavFormatException($"{name} has its data chunk before the fmt chunk.");
                }

                var samples = new short[size / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(pos + (2 * i), 2));
                }

                return samples;
            }

            pos += size + (size & 1);
        }

        throw new WavFormatException($"{name} has no data chunk.");
    }
}

/// <summary>Records a call to an 8 kHz mono 16-bit PCM WAV file; the header is completed on dispose.</summary>
public sealed class WavFileSink : IAudioSink, IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly object _gate = new();
    private long _dataBytes;
    private bool _closed;

    /// <summary>Creates (overwrites) the file.</summary>
    public WavFileSink(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: false);
        _stream.Write(BuildHeader(0));
    }

    /// <summary>Seconds written so far.</summary>
    public double Seconds => Interlocked.Read(ref _dataBytes) / 2.0 / AudioFormat.SampleRate;

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        Span<byte> bytes = stackalloc byte[frame.Length * 2];
        for (int i = 0; i < frame.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes[(2 * i)..], frame[i]);
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _stream.Write(bytes);
            Interlocked.Add(ref _dataBytes, bytes.Length);
        }
    }

    /// <summary>Builds a 44-byte canonical header.</summary>
    public static byte[] BuildHeader(long dataBytes)
    {
        var h = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), (int)Math.Min(int.MaxValue, 36 + dataBytes));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), AudioFormat.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), AudioFormat.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(40), (int)Math.Min(int.MaxValue, dataBytes));
        return h;
    }

    /// <summary>Writes a whole WAV file from samples.</summary>
    public static async Task WriteAllAsync(string path, ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default)
    {
        var bytes = new byte[44 + (samples.Length * 2)];
        BuildHeader(samples.Length * 2L).CopyTo(bytes, 0);
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), samples.Span[i]);
        }

        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _stream.Position = 0;
            _stream.Write(BuildHeader(_dataBytes));
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
