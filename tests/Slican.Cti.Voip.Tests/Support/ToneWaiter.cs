using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Support;

/// <summary>A sink that completes <see cref="Detected"/> once 200 ms in a row are a clear tone at the frequency.</summary>
internal sealed class ToneWaiter(double frequencyHz) : IAudioSink
{
    private readonly List<short> _window = new();
    private readonly TaskCompletionSource _detected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Detected => _detected.Task;

    public int Frames { get; private set; }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        Frames++;
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
