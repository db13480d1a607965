using System.Diagnostics;
using System.Net;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;

namespace Slican.Cti.Cli.Tests;

/// <summary>Runs the real tool's <c>call</c> command against an in-process user agent on loopback.</summary>
public class CallCommandTests
{
    private static readonly string s_tool = Path.Combine(AppContext.BaseDirectory, "slican-cti.dll");

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(s_tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Call_plays_a_tone_records_the_far_end_and_hangs_up()
    {
        await using var callee = new SipUserAgent(new SipUserAgentOptions { LocalAddress = IPAddress.Loopback, SipPort = 0, RtpPortMin = 0, RtpPortMax = 0 });
        var heard = new MemoryAudioSink();
        var ended = new TaskCompletionSource<SipCallEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.IncomingCall += call =>
        {
            call.Media!.Source = new ToneSource(700);
            call.Media.Sink = heard;
            _ = call.Ended.ContinueWith(t => ended.TrySetResult(t.Result), TaskScheduler.Default);
            _ = call.AnswerAsync();
        };
        string recording = Path.Combine(Path.GetTempPath(), $"slican-cli-call-{Guid.NewGuid():N}.wav");
        try
        {
            int port = callee.LocalEndPoint.Port;
            var result = await Run("call", "--registrar", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "201", "--target", "204", "--no-register", "--record", recording, "--seconds", "2");
            Assert.True(result.Exit == 0, result.Stdout + result.Stderr);
            Assert.Contains("call Established", result.Stdout, StringComparison.Ordinal);
            Assert.True((await ended.Task.WaitAsync(TimeSpan.FromSeconds(20))).ByRemote);

            var recorded = await WavReader.ReadAsync(recording);
            Assert.True(recorded.Length > AudioFormat.SampleRate, $"recorded {recorded.Length} samples");
            Assert.True(GoertzelDetector.IsTone(recorded.AsSpan(recorded.Length - 4000, 2000), 700), "the recording should hold the far end's 700 Hz tone");
            // Look through everything the callee heard: on a loaded machine the last few hundred ms before the BYE
            // arrives are concealment and silence, so a fixed window near the end is not reliable.
            var atCallee = heard.Snapshot();
            int toneWindows = Enumerable.Range(0, atCallee.Length / 2000).Count(i => GoertzelDetector.IsTone(atCallee.AsSpan(i * 2000, 2000), 1000));
            Assert.True(toneWindows >= 2, $"the callee should hear the tool's 1 kHz tone (found in {toneWindows} of {atCallee.Length / 2000} 250 ms windows)");
        }
        finally
        {
            File.Delete(recording);
        }
    }

    [Fact]
    public async Task Usage_errors_and_unreadable_wav_files_have_their_exit_codes()
    {
        var badTransport = await Run("call", "--registrar", "127.0.0.1", "--user", "201", "--target", "204", "--transport", "sctp");
        Assert.Equal(64, badTransport.Exit);
        Assert.Contains("udp or tcp", badTransport.Stderr, StringComparison.Ordinal);

        var missing = await Run("call", "--registrar", "127.0.0.1", "--user", "201", "--target", "204", "--play", "/nonexistent/hello.wav");
        Assert.Equal(66, missing.Exit);
        Assert.Contains("cannot play", missing.Stderr, StringComparison.Ordinal);
    }
}
