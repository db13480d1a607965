namespace Slican.Cti.Voip.Media;

/// <summary>Wraps a source and replaces its audio by silence while <see cref="Muted"/> (the source still advances).</summary>
public sealed class MuteableSource : IAudioSource
{
    private readonly IAudioSource _inner;
    private volatile bool _muted;

    /// <summary>Creates the wrapper.</summary>
    public MuteableSource(IAudioSource inner) => _inner = inner;

    /// <summary>True to send silence.</summary>
    public bool Muted
    {
        get => _muted;
        set => _muted = value;
    }

    /// <inheritdoc />
    public bool ReadFrame(Span<short> frame)
    {
        bool more = _inner.ReadFrame(frame);
        if (_muted)
        {
            frame.Clear();
        }

        return more;
    }
}
