using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// The doorphones of the PBX, kept current from an <see cref="IDoorphoneSource"/>: a subscriber becomes a doorphone
/// once it reports a <c>Door</c> field or <c>Camera</c>=1. Raises <see cref="Changed"/> once per real change, opens
/// doors (CTI request confirmed by the door contact, DTMF as fallback) and fetches camera links.
/// </summary>
public sealed partial class DoorphoneDirectory : IDisposable
{
    private readonly IDoorphoneSource _source;
    private readonly IDoorDtmfSender? _dtmf;
    private readonly DoorphoneOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<int, Doorphone> _doorphones = [];
    private readonly List<(int Id, TaskCompletionSource Opened)> _openWaiters = [];

    /// <summary>Creates the directory and subscribes to the source.</summary>
    /// <param name="source">The PBX side (implemented by the CTI client).</param>
    /// <param name="options">Confirmation timeout and DTMF fallback.</param>
    /// <param name="dtmf">The DTMF sender for the fallback (implemented over Slican.Cti.Voip); null = no fallback.</param>
    /// <param name="logger">Logger; DTMF codes and camera credentials are never logged.</param>
    public DoorphoneDirectory(IDoorphoneSource source, DoorphoneOptions? options = null, IDoorDtmfSender? dtmf = null, ILogger<DoorphoneDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _dtmf = dtmf;
        _options = options ?? new DoorphoneOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _source.StatusChanged += OnStatusChanged;
        _source.Ringing += OnRinging;
        _source.CallEnded += OnCallEnded;
    }

    /// <summary>A doorphone appeared or its door/camera state changed. Raised on the source's thread, after the directory is updated.</summary>
    public event EventHandler<DoorphoneChangedEventArgs>? Changed;

    /// <summary>A doorphone is calling (before it is answered).</summary>
    public event EventHandler<DoorphoneRingingEventArgs>? Ringing;

    /// <summary>A call with a doorphone ended.</summary>
    public event EventHandler<DoorphoneRingingEventArgs>? CallEnded;

    /// <summary>The known doorphones.</summary>
    public IReadOnlyList<Doorphone> Doorphones
    {
        get
        {
            lock (_gate)
            {
                return [.. _doorphones.Values.OrderBy(d => d.SubscriberId)];
            }
        }
    }

    /// <summary>The doorphone with this subscriber Id, if known.</summary>
    public bool TryGet(int subscriberId, out Doorphone doorphone)
    {
        lock (_gate)
        {
            return _doorphones.TryGetValue(subscriberId, out doorphone!);
        }
    }

    /// <summary>Asks the PBX for the doorphone's camera link.</summary>
    public Task<CameraLink?> GetCameraLinkAsync(int subscriberId, CancellationToken cancellationToken = default) =>
        _source.GetCameraLinkAsync(subscriberId, cancellationToken);

    /// <summary>
    /// Opens the door: sends the CTI request and waits up to <see cref="DoorphoneOptions.OpenConfirmationTimeout"/> for
    /// the door contact to report <c>Open</c>. When the CTI request fails and a DTMF code and sender are configured,
    /// sends the code in the call with the doorphone instead (or first, with <see cref="DoorphoneOptions.PreferDtmf"/>).
    /// </summary>
    /// <exception cref="DoorOpenException">Neither way worked; the message says why.</exception>
    public async Task<DoorOpenResult> OpenDoorAsync(int subscriberId, CancellationToken cancellationToken = default)
    {
        bool dtmfAvailable = _dtmf is not null && !string.IsNullOrEmpty(_options.DtmfOpenCode);
        var waiter = RegisterOpenWaiter(subscriberId);
        try
        {
            if (_options.PreferDtmf && dtmfAvailable)
            {
                await _dtmf!.SendDtmfAsync(subscriberId, _options.DtmfOpenCode!, cancellationToken).ConfigureAwait(false);
                return new DoorOpenResult(DoorOpenMethod.Dtmf, await ConfirmAsync(waiter, cancellationToken).ConfigureAwait(false));
            }

            try
            {
                await _source.OpenDoorAsync(subscriberId, cancellationToken).ConfigureAwait(false);
                return new DoorOpenResult(DoorOpenMethod.Cti, await ConfirmAsync(waiter, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && dtmfAvailable)
            {
                Log.CtiOpenFailed(_logger, subscriberId, ex.Message);
                try
                {
                    await _dtmf!.SendDtmfAsync(subscriberId, _options.DtmfOpenCode!, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception dtmfError) when (dtmfError is not OperationCanceledException)
                {
                    throw new DoorOpenException(
                        $"Could not open the door of doorphone {subscriberId}: the CTI request failed ({ex.Message}) and the DTMF fallback failed ({dtmfError.Message}). DTMF needs an active call with the doorphone.", dtmfError);
                }

                return new DoorOpenResult(DoorOpenMethod.Dtmf, await ConfirmAsync(waiter, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new DoorOpenException($"Could not open the door of doorphone {subscriberId}: {ex.Message} (no DTMF fallback configured: set DoorphoneOptions.DtmfOpenCode and pass an IDoorDtmfSender).", ex);
            }
        }
        finally
        {
            lock (_gate)
            {
                _openWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Unsubscribes from the source (and disposes it when the directory created it, see <see cref="ForClient"/>).</summary>
    public void Dispose()
    {
        _source.StatusChanged -= OnStatusChanged;
        _source.Ringing -= OnRinging;
        _source.CallEnded -= OnCallEnded;
        _ownedSource?.Dispose();
    }

    private (int Id, TaskCompletionSource Opened) RegisterOpenWaiter(int subscriberId)
    {
        var waiter = (subscriberId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _openWaiters.Add(waiter);
        }

        return waiter;
    }

    private async Task<bool> ConfirmAsync((int Id, TaskCompletionSource Opened) waiter, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Opened.Task.WaitAsync(_options.OpenConfirmationTimeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void OnStatusChanged(object? sender, DoorphoneStatusEventArgs e)
    {
        Doorphone? previous;
        Doorphone current;
        List<TaskCompletionSource>? opened = null;
        lock (_gate)
        {
            _doorphones.TryGetValue(e.SubscriberId, out previous);
            if (previous is null && e.Door is null && e.HasCamera != true)
            {
                // An ordinary subscriber.
                return;
            }

            current = new Doorphone(e.SubscriberId, e.Door ?? previous?.Door, e.HasCamera ?? previous?.HasCamera ?? false);
            if (current == previous)
            {
                return;
            }

            _doorphones[e.SubscriberId] = current;
            if (current.Door == DoorState.Open && previous?.Door != DoorState.Open)
            {
                foreach (var waiter in _openWaiters.Where(w => w.Id == e.SubscriberId))
                {
                    (opened ??= []).Add(waiter.Opened);
                }
            }
        }

        opened?.ForEach(o => o.TrySetResult());
        Raise(Changed, new DoorphoneChangedEventArgs(previous, current));
    }

    private void OnRinging(object? sender, DoorphoneCallEventArgs e)
    {
        if (TryGet(e.SubscriberId, out var doorphone))
        {
            Raise(Ringing, new DoorphoneRingingEventArgs(doorphone, e.CallId));
        }
    }

    private void OnCallEnded(object? sender, DoorphoneCallEventArgs e)
    {
        if (TryGet(e.SubscriberId, out var doorphone))
        {
            Raise(CallEnded, new DoorphoneRingingEventArgs(doorphone, e.CallId));
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A faulty subscriber must not break the source's event loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Opening the door of doorphone {Id} over CTI failed ({Reason}); trying DTMF")]
        public static partial void CtiOpenFailed(ILogger logger, int id, string reason);

        [LoggerMessage(21, LogLevel.Warning, "A doorphone event handler threw")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}

/// <summary>A call from or with a known doorphone.</summary>
public sealed class DoorphoneRingingEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public DoorphoneRingingEventArgs(Doorphone doorphone, string? callId)
    {
        Doorphone = doorphone;
        CallId = callId;
    }

    /// <summary>The doorphone.</summary>
    public Doorphone Doorphone { get; }

    /// <summary>The PBX call identifier, when known.</summary>
    public string? CallId { get; }
}
