
namespace Slican.Cti.Client;

/// <summary>
/// Runs a sync in the background when the PBX says data changed (<c>Sync/Change_EV</c>), coalescing bursts: while
/// one run is active, further requests mark it to run once more. Never runs on the socket reader.
/// </summary>
internal sealed class BackgroundSync(string name, Func<CancellationToken, Task> run, CtiClient client)
{
    private readonly object _gate = new();
    private bool _running;
    private bool _again;
    private Task _current = Task.CompletedTask;

    public Task Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    public void Schedule()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }

            _running = true;
            _current = Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                if (client.State == CtiConnectionState.Connected) await run(client.Lifetime).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (client.Lifetime.IsCancellationRequested)
            {
            }
            catch (CtiException ex)
            {
                // The connection dropped or the PBX refused; the resync after reconnect catches up.
                ClientLog.BackgroundSyncFailed(client.Logger, name, ex.Message);
            }

            lock (_gate)
            {
                if (!_again)
                {
                    _running = false;
                    return;
                }

                _again = false;
            }
        }
    }
}

internal static class CtiClientBackground
{
    public static async Task WaitAsync(params IBackgroundOwner[] owners)
    {
        foreach (var owner in owners)
        {
            foreach (var task in owner.BackgroundTasks)
            {
                try
                {
                    await task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or CtiException)
                {
                }
            }
        }
    }
}

internal interface IBackgroundOwner
{
    IEnumerable<Task> BackgroundTasks { get; }
}
