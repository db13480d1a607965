using Slican.Cti.Testing;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Tests.Interop;

namespace Slican.Cti.Samples.Tests;

public sealed class SoftphoneTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slican-softphone-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_demo_calls_the_far_end_records_its_tone_sends_dtmf_and_exits_0()
    {
        string recording = Path.Combine(_dir, "far-end.wav");
        using var output = new StringWriter();
        int exitCode = await global::Softphone.SoftphoneApp.RunAsync(["--record", recording], new StringReader(string.Empty), output, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);

        // The softphone's account came from the CTI login to the emulator (201 has VoIP there).
        Assert.Contains("Logged in as 201 Anna Nowak (Recepcja) (VoIP enabled", text, StringComparison.Ordinal);
        Assert.Contains("Softphone sip:201@127.0.0.1 \"Anna Nowak (Recepcja)\" started", text, StringComparison.Ordinal);
        Assert.Contains("call is Established", text, StringComparison.Ordinal);

        // Every digit arrived at the far end (RFC 4733 events), in order.
        int previous = -1;
        foreach (char digit in "123#")
        {
            int at = text.IndexOf($"[far end] received DTMF {digit}", StringComparison.Ordinal);
            Assert.True(at > previous, $"DTMF {digit} missing or out of order:\n{text}");
            previous = at;
        }

        // The recording holds the far end's 440 Hz tone, not silence and not our own 1 kHz.
        var recorded = await WavReader.ReadAsync(recording);
        Assert.True(recorded.Length >= AudioFormat.SampleRate, $"only {recorded.Length} samples recorded\n{text}");
        var (far, own) = CountToneWindows(recorded, 440, 1000);
        Assert.True(far >= 5, $"440 Hz in {far} of {recorded.Length / 1600} 200 ms windows\n{text}");
        Assert.Equal(0, own);
        Assert.Contains($"to {recording}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var output = new StringWriter();
        Assert.Equal(64, await global::Softphone.SoftphoneApp.RunAsync(["--registrar", "127.0.0.1"], TextReader.Null, output, CancellationToken.None));
        Assert.Contains("--registrar needs --user", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--host HOST", output.ToString(), StringComparison.Ordinal); // SampleSession.CommonUsage
    }

    [Fact]
    public async Task A_cti_user_without_voip_gets_the_typed_message_and_exit_2()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        using var output = new StringWriter();
        string[] args = ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "202", "--password", "1234", "--target", "201"];
        int exitCode = await global::Softphone.SoftphoneApp.RunAsync(args, TextReader.Null, output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 2, output.ToString());
        Assert.Contains("No softphone: VoIP is not enabled for extension 202", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("CTIuserPlus", output.ToString(), StringComparison.Ordinal);
    }

    [SippFact]
    public async Task Sip_only_mode_registers_at_sipp_plays_a_wav_sends_given_and_typed_dtmf_by_info_records_the_echo_and_unregisters()
    {
        string play = Path.Combine(_dir, "hello.wav");
        string recording = Path.Combine(_dir, "echo.wav");
        var tone = new short[AudioFormat.SampleRate * 2];
        new ToneSource(1000).ReadFrame(tone);
        await WavFileSink.WriteAllAsync(play, tone);

        int port = PeerProcess.FreeUdpPort();
        int mediaPort = PeerProcess.FreeRtpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("softphone_pbx.xml")}\" -rtp_echo", port, $"-mp {mediaPort} -m 2");
        using var output = new StringWriter();
        string[] args = ["--registrar", $"127.0.0.1:{port}", "--user", "201", "--password", "s3cret", "--target", "204", "--play", play, "--record", recording, "--dtmf", "1"];

        // 1 comes from --dtmf, 2 is typed during the call; then input ends and the call lasts until the WAV is played.
        int exitCode = await global::Softphone.SoftphoneApp.RunAsync(args, new StringReader("2\n"), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text + Sipp.Describe(sipp));
        Assert.Contains("Registered sip:201@127.0.0.1 for 300 s", text, StringComparison.Ordinal);
        Assert.Contains("sent DTMF 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);

        // sipp checked the digest, the INFO digits and the unregister; it exits 0 only if all of that passed.
        Assert.True(await sipp.WaitForExitAsync(TimeSpan.FromSeconds(20)) == 0, text + Sipp.Describe(sipp));

        // sipp echoed our WAV: the recording holds its 1 kHz tone.
        var recorded = await WavReader.ReadAsync(recording);
        var (echo, _) = CountToneWindows(recorded, 1000, 440);
        Assert.True(echo >= 5, $"1 kHz in {echo} of {recorded.Length / 1600} 200 ms windows\n{text}");
    }

    /// <summary>Counts 200 ms windows whose dominant tone is <paramref name="expected"/> and <paramref name="other"/> (Goertzel).</summary>
    private static (int Expected, int Other) CountToneWindows(short[] samples, double expected, double other)
    {
        int hits = 0, others = 0;
        for (int start = 0; start + 1600 <= samples.Length; start += 1600)
        {
            var window = samples.AsSpan(start, 1600);
            if (GoertzelDetector.IsTone(window, expected)) hits++;
            if (GoertzelDetector.IsTone(window, other)) others++;
        }

        return (hits, others);
    }
}

/// <summary>A [Fact] skipped when sipp (Debian sip-tester) is not installed, unless SLICAN_CTI_REQUIRE_PEERS=1 (CI).</summary>
public sealed class SippFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when sipp is missing and peers are not required.</summary>
    public SippFactAttribute()
    {
        bool installed = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "sipp")));
        if (!installed && Environment.GetEnvironmentVariable("SLICAN_CTI_REQUIRE_PEERS") != "1")
        {
            Skip = "sipp not installed (Debian package sip-tester)";
        }
    }
}
