using System.Threading.Channels;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// The bounded queue between the receive loop and the consumer. When the consumer falls behind the oldest frame is
/// dropped (and disposed), so the receive loop never blocks and the preview stays live; <see cref="Dropped"/> counts.
/// </summary>
internal sealed class FrameQueue
{
    private readonly Channel<VideoFrame> _channel;
    private long _dropped;

    public FrameQueue(int capacity)
    {
        _channel = Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = false },
            frame =>
            {
                Interlocked.Increment(ref _dropped);
                frame.Dispose();
            });
    }

    public ChannelReader<VideoFrame> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(VideoFrame frame)
    {
        if (!_channel.Writer.TryWrite(frame))
        {
            // Completed: nobody will read it.
            frame.Dispose();
        }
    }

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);
}
