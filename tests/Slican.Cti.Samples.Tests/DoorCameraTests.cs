using Slican.Cti.Doorphone.Tests.Interop;
using Slican.Cti.Testing;

namespace Slican.Cti.Samples.Tests;

public sealed class DoorCameraTests : IDisposable
{
    private readonly string _snapshots = Directory.CreateTempSubdirectory("slican-doorcamera-").FullName;

    public void Dispose() => Directory.Delete(_snapshots, recursive: true);

    [GStreamerFact]
    public async Task The_demo_sees_the_doorphone_ring_saves_a_jpeg_and_opens_the_door()
    {
        using var output = new StringWriter();
        int exitCode = await DoorCamera.DoorCameraApp.RunAsync(["--snapshots", _snapshots], new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        AssertRingAndOpen(text);
        Assert.Contains("Snapshot of 250 Brama (DPH.IP doorphone): ", text, StringComparison.Ordinal);
        Assert.Contains("(Jpeg, 640x360, ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("door-1234", text, StringComparison.Ordinal); // the camera password from the PBX is never printed
        string jpeg = Assert.Single(Directory.GetFiles(_snapshots, "door-250-*.jpg"));
        byte[] data = await File.ReadAllBytesAsync(jpeg);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, data[..2]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, data[^2..]);
    }

    [Fact]
    public async Task Without_snapshots_the_demo_still_sees_the_ring_and_opens_the_door()
    {
        using var output = new StringWriter();
        int exitCode = await DoorCamera.DoorCameraApp.RunAsync(["--no-snapshots"], new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        AssertRingAndOpen(text);
        Assert.Contains("No snapshots.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Snapshot of", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_a_PBX_o_and_an_extension_opens_that_door_and_q_quits()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        using var output = new StringWriter();
        int exitCode = await DoorCamera.DoorCameraApp.RunAsync(RealPbxArguments.For(pbx, extra: "--no-snapshots"),
            new StringReader("o 250\no 201\nq\n"), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Door 250 Brama (DPH.IP doorphone) opened (Cti), confirmed by the door contact.", text, StringComparison.Ordinal);
        Assert.Contains("201 is not a doorphone.", text, StringComparison.Ordinal);
    }

    private static void AssertRingAndOpen(string text)
    {
        Assert.Contains("Doorphone 250 Brama (DPH.IP doorphone): door Close, camera yes", text, StringComparison.Ordinal);
        Assert.Contains("Doorphone 250 Brama (DPH.IP doorphone) is ringing", text, StringComparison.Ordinal);
        Assert.Contains("Door 250 Brama (DPH.IP doorphone) opened (Cti), confirmed by the door contact.", text, StringComparison.Ordinal);
        Assert.Contains("door Close, camera yes -> door Open, camera yes", text, StringComparison.Ordinal);
        Assert.Contains("door Open, camera yes -> door Close, camera yes", text, StringComparison.Ordinal);
        Assert.Contains("Call with doorphone 250 Brama (DPH.IP doorphone) ended.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var output = new StringWriter();
        Assert.Equal(64, await DoorCamera.DoorCameraApp.RunAsync(["--snapshots"], new StringReader(string.Empty), output, CancellationToken.None));
        Assert.Contains("--snapshots needs a directory.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }
}
