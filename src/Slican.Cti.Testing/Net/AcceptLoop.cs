using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Slican.Cti.Testing.Net;

/// <summary>Accepts connections on one port and starts a session for each, until stopped.</summary>
#pragma warning disable CA1001 // The listener and token source are released by StopAsync, the loop's only way to end.
internal sealed class AcceptLoop
#pragma warning restore CA1001
{
    private readonly TcpListener _listener;
    private readonly Func<Socket, CancellationToken, Task> _serve;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private Task? _loop;

    public AcceptLoop(IPEndPoint endPoint, Func<Socket, CancellationToken, Task> serve, ILogger logger)
    {
        _listener = new TcpListener(endPoint);
        _serve = serve;
        _logger = logger;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Start()
    {
        _listener.Start(512);
        _loop = Task.Run(RunAsync);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        Task[] sessions;
        lock (_sessions)
        {
            sessions = _sessions.ToArray();
        }

        await Task.WhenAll(sessions).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                Log.AcceptFailed(_logger, ex.Message);
                continue;
            }

            socket.NoDelay = true;
            var task = Task.Run(() => ServeAsync(socket));
            lock (_sessions)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await _serve(socket, _stop.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One broken connection must not stop the listener; the error is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ConnectionFailed(_logger, ex.Message);
            socket.Dispose();
        }
    }
}
