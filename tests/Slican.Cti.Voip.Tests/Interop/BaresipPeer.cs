using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>
/// baresip in a scratch config directory: loopback only, G.711 only, no sound card, and the sndfile filter dumping
/// the audio it decodes so the test can measure what arrived. Its microphone is either a WAV tone file (aufile) or,
/// with no tone, the aubridge loop: what baresip decodes and plays is fed back to its encoder, so the far end
/// hears its own audio after a full trip through baresip's pipeline. Auto-answers; optionally dials at start.
/// </summary>
internal sealed class BaresipPeer : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private BaresipPeer(PeerProcess process, string directory, int sipPort)
    {
        _process = process;
        Directory = directory;
        SipPort = sipPort;
    }

    public string Directory { get; }

    public int SipPort { get; }

    public string Output => _process.Output;

    /// <summary>
    /// Starts baresip; when it does not report ready (its ports are chosen by bind-and-release, so another process can
    /// take one first), it is killed and started again on fresh ports, up to three times.
    /// </summary>
    public static async Task<BaresipPeer> StartAsync(double? toneHz, string? dial = null, string? account = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(toneHz, dial, account);
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<BaresipPeer> StartOnceAsync(double? toneHz, string? dial, string? account)
    {
        string dir = Path.Combine(Path.GetTempPath(), "slican-baresip-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        if (toneHz is { } hz)
        {
            var tone = new short[AudioFormat.SampleRate * 30];
            new ToneSource(hz, 0.3).ReadFrame(tone);
            await WavFileSink.WriteAllAsync(Path.Combine(dir, "tone.wav"), tone);
        }

        string source = toneHz is null ? "aubridge,nil" : $"aufile,{dir}/tone.wav";
        int sipPort = PeerProcess.FreeUdpPort(alsoTcp: true);
        int rtp = PeerProcess.FreeRtpPort();
        await File.WriteAllTextAsync(Path.Combine(dir, "config"), $"""
            poll_method		epoll
            sip_listen		127.0.0.1:{sipPort}
            net_interface		127.0.0.1
            audio_player		aubridge,nil
            audio_source		{source}
            audio_alert		aubridge,nil
            rtp_ports		{rtp}-{rtp + 3}
            module_path		/usr/lib/baresip/modules
            module			g711.so
            module			aufile.so
            module			aubridge.so
            module			sndfile.so
            snd_path		{dir}
            module_app		account.so
            module_app		menu.so

            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "accounts"), (account ?? "<sip:baresip@127.0.0.1>;regint=0") + ";answermode=auto;audio_codecs=PCMA,PCMU\n");
        string args = $"-f \"{dir}\"" + (dial is null ? string.Empty : $" -e \"/dial {dial}\"");
        var process = PeerProcess.Start("baresip", args, dir);
        process.OwnedDirectory = dir;
        var peer = new BaresipPeer(process, dir, sipPort);
        try
        {
            await process.WaitForOutputAsync("baresip is ready", Support.TestAgents.Guard);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    public Task WaitForOutputAsync(string text) => _process.WaitForOutputAsync(text, Support.TestAgents.Guard);

    /// <summary>The audio baresip decoded from us (sndfile's dump-...-dec.wav), once the call is closed.</summary>
    public short[] ReadDecodedAudio()
    {
        var file = System.IO.Directory.GetFiles(Directory, "dump-*-dec.wav").SingleOrDefault()
            ?? throw new InvalidOperationException("baresip wrote no decoded-audio dump. Output:\n" + Output);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        byte[] bytes = memory.ToArray();
        int data = bytes.AsSpan().IndexOf("data"u8);
        if (data < 0)
        {
            throw new InvalidOperationException($"{file} has no data chunk yet.");
        }

        var samples = new short[(bytes.Length - data - 8) / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BitConverter.ToInt16(bytes, data + 8 + (2 * i));
        }

        return samples;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
