using Microsoft.Extensions.Logging;
using Polly;

namespace Slican.Cti.Client;

/// <summary>
/// A client's connection state and the stream that reports its changes, in order; shared by
/// <see cref="CtiClient"/> and <see cref="CtipClient"/>. Once <see cref="CtiConnectionState.Closed"/>, it stays so.
/// </summary>
internal sealed class ConnectionStateTracker(object sender, EventStream<CtiConnectionStateChangedEventArgs> changes, ILogger logger)
{
    private readonly object _gate = new();
    private volatile CtiConnectionState _current;

    /// <summary>The current state.</summary>
    public CtiConnectionState Current => _current;

    /// <summary>Moves to <paramref name="state"/> and reports it, unless already there or closed.</summary>
    public void Set(CtiConnectionState state, Exception? error)
    {
        CtiConnectionState previous;
        lock (_gate)
        {
            previous = _current;
            if (previous == state || previous == CtiConnectionState.Closed) return;
            _current = state;
        }

        ClientLog.StateChanged(logger, previous, state);
        changes.Publish(sender, new CtiConnectionStateChangedEventArgs(previous, state, error));
    }

    /// <summary>
    /// Reconnects after a loss: <paramref name="establish"/> runs under the backoff <paramref name="pipeline"/> until it
    /// succeeds. When reconnecting stops for good (a refused login, the last attempt failed) the failure is logged and
    /// the state becomes <see cref="CtiConnectionState.Failed"/>; when <paramref name="lifetime"/> ends (disposal) the
    /// result is simply not <see cref="Reconnect{T}.Succeeded"/>.
    /// </summary>
    public async Task<Reconnect<T>> ReconnectAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> establish, CancellationToken lifetime)
    {
        int attempts = 0;
        try
        {
            var value = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await establish(token).ConfigureAwait(false);
                },
                lifetime).ConfigureAwait(false);
            return new Reconnect<T>(true, value, attempts);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return new Reconnect<T>(false, default, attempts);
        }
#pragma warning disable CA1031 // every failure ends reconnecting and is reported through the state event
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClientLog.ReconnectGaveUp(logger, attempts, ex);
            Set(CtiConnectionState.Failed, ex);
            return new Reconnect<T>(false, default, attempts);
        }
    }
}

/// <summary>How a reconnect ended: the new connection when it succeeded, and the attempts it took.</summary>
internal readonly record struct Reconnect<T>(bool Succeeded, T? Value, int Attempts);
