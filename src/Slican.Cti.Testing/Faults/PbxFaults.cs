namespace Slican.Cti.Testing;

/// <summary>
/// Fault injection: what a flaky network or a misbehaving PBX does to a client. Settings apply to all sessions
/// from the next frame on.
/// </summary>
public sealed class PbxFaults
{
    private readonly PbxEmulatorContext _context;
    private TimeSpan _answerDelay;

    internal PbxFaults(PbxEmulatorContext context) => _context = context;

    /// <summary>
    /// <see langword="true"/> (default): <c>Stream/WDTest</c> gets <c>WDOk</c> and CTIP sessions are answered.
    /// <see langword="false"/>: a half-open connection: XCTIP <c>WDTest</c> is swallowed and CTIP commands get no
    /// reply, while the sockets stay open (other XCTIP requests are still answered).
    /// </summary>
    public bool AnswerWatchdog { get; set; } = true;

    /// <summary>
    /// Delay before each <c>Answer</c>/<c>_ANS</c> is written (measured on the emulator's <see cref="TimeProvider"/>).
    /// A session's output is one ordered queue, so events queued behind a delayed answer wait too.
    /// </summary>
    public TimeSpan AnswerDelay
    {
        get => _answerDelay;
        set => _answerDelay = value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), "The delay cannot be negative.") : value;
    }

    /// <summary>Swap each pair of consecutive answers on a session (the second request's answer arrives first).</summary>
    public bool ReorderAnswers { get; set; }

    /// <summary>Write every byte in its own socket write and flush (worst-case TCP segmentation).</summary>
    public bool SplitOutputEveryByte { get; set; }

    /// <summary>Closes the sockets abruptly (RST): all sessions, or those logged in as <paramref name="extension"/>. Returns when they are gone.</summary>
    public Task DropSessionsAsync(string? extension = null) => _context.World.DropSessionsAsync(extension);

    /// <summary>The next output to every session (or those of <paramref name="extension"/>) is preceded by a malformed frame (XCTIP) or line (CTIP).</summary>
    public void InjectMalformedFrame(string? extension = null) => _context.World.InjectMalformed(extension);
}
