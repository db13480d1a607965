using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// A bare loopback XCTIP peer for benchmarks: it answers every request with <c>Answer{CId}</c> (and
/// <c>LogInfo_ANS</c> for <c>MakeLog</c>), holds no world state, and can write a pre-encoded burst of frames to its
/// latest session in one write, so the client's receive path is what gets measured.
/// </summary>
internal sealed class LoopbackFeeder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Session> _sessions = [];
    private readonly Task _accept;

    public LoopbackFeeder()
    {
        _listener.Start();
        _accept = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int SessionCount
    {
        get
        {
            lock (_sessions) return _sessions.Count;
        }
    }

    /// <summary>Writes <paramref name="frames"/> to the most recent session.</summary>
    public Task BlastAsync(byte[] frames)
    {
        Session session;
        lock (_sessions) session = _sessions[^1];
        return session.WriteAsync(frames);
    }

    public static byte[] PresenceBurst(int count)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 80);
        var writer = new XctipWriter(buffer);
        for (int i = 0; i < count; i++)
        {
            XctipCodec.Encode(writer, [new StatusChangeEvent { Id = 1002, AppInfo = (i & 1) == 0 ? "Na spotkaniu" : "Przerwa" }]);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                socket.NoDelay = true;
                var session = new Session(new NetworkStream(socket, ownsSocket: true));
                lock (_sessions) _sessions.Add(session);
                _ = Task.Run(() => session.ServeAsync(_stop.Token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accept;
        lock (_sessions)
        {
            foreach (var s in _sessions) s.Dispose();
        }
    }

    private sealed class Session(NetworkStream stream) : IDisposable
    {
        private readonly SemaphoreSlim _write = new(1, 1);

        public async Task WriteAsync(byte[] bytes)
        {
            await _write.WaitAsync();
            try
            {
                await stream.WriteAsync(bytes);
            }
            finally
            {
                _write.Release();
            }
        }

        public async Task ServeAsync(CancellationToken ct)
        {
            var reader = PipeReader.Create(stream);
            var frames = new XctipFrameReader();
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync(ct);
                    var buffer = result.Buffer;
                    var replies = new ArrayBufferWriter<byte>();
                    var writer = new XctipWriter(replies);
                    while (frames.TryReadFrame(ref buffer, out var frame))
                    {
                        foreach (var message in XctipCodec.Decode(frame))
                        {
                            if (message is MakeLogRequest)
                            {
                                XctipCodec.Encode(writer, [new LogInfoAnswer { Id = 1001, Number = "201", Comment = "Bench", PbxType = "NCP" }]);
                            }

                            if (message is WatchdogTest)
                            {
                                XctipCodec.Encode(writer, [new WatchdogOk()]);
                            }
                            else if (message is XctipRequest request)
                            {
                                XctipCodec.Encode(writer, [new XctipAnswer(request.Module) { CId = request.CId }]);
                            }
                        }
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (replies.WrittenCount > 0) await WriteAsync(replies.WrittenSpan.ToArray());
                    if (result.IsCompleted) break;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
