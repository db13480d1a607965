using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Support;

/// <summary>A sink that completes <see cref="Detected"/> once 200 ms in a row are a clear tone at the frequency.</summary>
internal sealed class ToneWaiter(double frequencyHz) : IAudioSink
{
    private readonly List<short> _window = new();
    private readonly TaskCompletionSource _detected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Detected => _detected.Task;

    public int Frames { get; private set; }

    private TaskCompletionSource _nextFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the call run for <paramref name="frames"/> more media-clock frames (20 ms each).</summary>
    public async Task WaitFramesAsync(int frames)
    {
        int target = Frames + frames;
        while (Frames < target)
        {
            await NextFrameAsync();
        }
    }

    /// <summary>Completes at the next frame written (the media clock), a signal to re-check other state.</summary>
    public Task NextFrameAsync() => Volatile.Read(ref _nextFrame).Task;

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        Frames++;
        Interlocked.Exchange(ref _nextFrame, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        _window.AddRange(frame.ToArray());
        if (_window.Count > 1600)
        {
            _window.RemoveRange(0, _window.Count - 1600);
        }

        if (_window.Count == 1600 && GoertzelDetector.IsTone(_window.ToArray(), frequencyHz))
        {
            _detected.TrySetResult();
        }
    }
}
