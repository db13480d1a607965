namespace Slican.Cti.Testing;

/// <summary>
/// Fault injection: what a flaky network or a misbehaving PBX does to a client. Settings apply to all sessions
/// from the next frame on.
/// </summary>
public sealed class PbxFaults
{
    private readonly PbxEmulatorContext _context;
    private readonly object _gate = new();
    private TimeSpan _answerDelay;
    private bool _answerWatchdog = true;
    private TaskCompletionSource _answering = NewCompleted();

    internal PbxFaults(PbxEmulatorContext context) => _context = context;

    /// <summary>
    /// <see langword="true"/> (default): the PBX answers. <see langword="false"/>: every connection is half-open:
    /// <c>Stream/WDTest</c> is swallowed (never answered) and nothing at all is written to any client, while the
    /// sockets stay open and requests still change the world. Output queued meanwhile is written when this is set
    /// back to <see langword="true"/> (a session whose queue fills up first is closed, as a stalled peer would be).
    /// </summary>
    public bool AnswerWatchdog
    {
        get => Volatile.Read(ref _answerWatchdog);
        set
        {
            lock (_gate)
            {
                Volatile.Write(ref _answerWatchdog, value);
                if (value)
                {
                    _answering.TrySetResult();
                }
                else if (_answering.Task.IsCompleted)
                {
                    _answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }

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

    /// <summary>Completes when the PBX answers again (immediately unless <see cref="AnswerWatchdog"/> is off).</summary>
    internal Task WhenAnsweringAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _answerWatchdog))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            return _answerWatchdog ? Task.CompletedTask : _answering.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewCompleted()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    /// <summary>Closes the sockets abruptly (RST): all sessions, or those logged in as <paramref name="extension"/>. Returns when they are gone.</summary>
    public Task DropSessionsAsync(string? extension = null) => _context.World.DropSessionsAsync(extension);

    /// <summary>The next output to every session (or those of <paramref name="extension"/>) is preceded by a malformed frame (XCTIP) or line (CTIP).</summary>
    public void InjectMalformedFrame(string? extension = null) => _context.World.InjectMalformed(extension);
}
