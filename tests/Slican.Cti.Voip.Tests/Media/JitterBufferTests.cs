using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Media;

public sealed class JitterBufferTests
{
    private static short[] Frame(short value) => Enumerable.Repeat(value, AudioFormat.SamplesPerFrame).ToArray();

    private static long At(int frameIndex, double jitterMs = 0) => (frameIndex * AudioFormat.FrameDuration.Ticks) + (long)(jitterMs * TimeSpan.TicksPerMillisecond);

    [Fact]
    public void Reordered_packets_play_in_sequence_order()
    {
        var jb = new JitterBuffer(minDelayFrames: 3);
        ushort[] arrival = [100, 102, 101, 104, 103, 105];
        for (int i = 0; i < arrival.Length; i++)
        {
            jb.Put(arrival[i], Frame((short)arrival[i]), At(i));
        }

        var output = new short[AudioFormat.SamplesPerFrame];
        var played = new List<short>();
        for (int i = 0; i < 6; i++)
        {
            Assert.True(jb.Pull(output));
            played.Add(output[0]);
        }

        Assert.Equal([100, 101, 102, 103, 104, 105], played);
        Assert.Equal(0, jb.ConcealedFrames);
    }

    [Fact]
    public void A_lost_packet_is_concealed_by_a_faded_repeat_and_a_late_one_is_dropped()
    {
        var jb = new JitterBuffer(minDelayFrames: 2);
        jb.Put(10, Frame(1000), At(0));
        jb.Put(11, Frame(1000), At(1));
        jb.Put(13, Frame(3000), At(3));
        var output = new short[AudioFormat.SamplesPerFrame];
        jb.Pull(output);
        jb.Pull(output);
        Assert.True(jb.Pull(output)); // 12 missing
        Assert.Equal(700, output[0]);
        jb.Put(12, Frame(2000), At(4)); // too late now
        Assert.Equal(1, jb.LatePackets);
        jb.Pull(output);
        Assert.Equal(3000, output[0]);
        Assert.Equal(1, jb.ConcealedFrames);
        Assert.Equal(3, jb.PlayedFrames);
    }

    [Fact]
    public void Long_loss_fades_to_silence()
    {
        var jb = new JitterBuffer(minDelayFrames: 1);
        jb.Put(1, Frame(10000), At(0));
        var output = new short[AudioFormat.SamplesPerFrame];
        jb.Pull(output);
        var levels = new List<short>();
        for (int i = 0; i < 5; i++)
        {
            jb.Pull(output);
            levels.Add(output[0]);
        }

        Assert.Equal([7000, 5000, 3000, 0, 0], levels);
    }

    [Fact]
    public void Sequence_numbers_wrap_around()
    {
        var jb = new JitterBuffer(minDelayFrames: 2);
        jb.Put(65534, Frame(1), At(0));
        jb.Put(65535, Frame(2), At(1));
        jb.Put(0, Frame(3), At(2));
        jb.Put(1, Frame(4), At(3));
        var output = new short[AudioFormat.SamplesPerFrame];
        var played = new List<short>();
        for (int i = 0; i < 4; i++)
        {
            jb.Pull(output);
            played.Add(output[0]);
        }

        Assert.Equal([1, 2, 3, 4], played);
    }

    [Fact]
    public void Target_delay_grows_with_jitter_and_bursts_do_not_grow_delay_without_bound()
    {
        var calm = new JitterBuffer(minDelayFrames: 1, maxDelayFrames: 10);
        var jittery = new JitterBuffer(minDelayFrames: 1, maxDelayFrames: 10);
        var rng = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            calm.Put((ushort)i, Frame(1), At(i));
            jittery.Put((ushort)i, Frame(1), At(i, rng.Next(0, 60)));
        }

        Assert.Equal(1, calm.TargetDelayFrames);
        Assert.True(jittery.TargetDelayFrames > calm.TargetDelayFrames, $"target {jittery.TargetDelayFrames}");
        Assert.True(calm.Depth <= 20, $"depth {calm.Depth}");
        Assert.True(calm.OverflowDrops > 0);
    }
}
