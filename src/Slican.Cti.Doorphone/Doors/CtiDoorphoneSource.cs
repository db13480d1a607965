using System.Globalization;
using Slican.Cti.Client;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// <see cref="IDoorphoneSource"/> over a connected <see cref="CtiClient"/>: door and camera fields from the presence
/// roster (<c>Status</c> events), ringing and call end from <see cref="Calls.CallChanged"/> (the caller's number is
/// resolved to a subscriber Id through the phone book), opening and camera links from <see cref="Client.Doors"/>.
/// The client stays owned by the caller; <see cref="Dispose"/> detaches every handler from it.
/// </summary>
/// <remarks>
/// A handler attached to <see cref="StatusChanged"/> first receives the doorphones the client already knows, so a
/// <see cref="DoorphoneDirectory"/> created after <see cref="CtiClient.ConnectAsync(CancellationToken)"/> is complete at once. Status
/// reports are delivered one at a time (the replay and live changes never interleave), so a handler never sees an
/// older state after a newer one.
/// </remarks>
public sealed class CtiDoorphoneSource : IDoorphoneSource, IDisposable
{
    private readonly CtiClient _client;
    private readonly object _statusGate = new();
    private readonly object _callGate = new();
    private readonly Dictionary<int, int> _doorCalls = [];
    private EventHandler<DoorphoneStatusEventArgs>? _statusChanged;
    private bool _disposed;

    /// <summary>Attaches to the client's presence and call events.</summary>
    /// <param name="client">A client (connected or about to connect); it is not disposed by this source.</param>
    public CtiDoorphoneSource(CtiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _client.Presence.Changed += OnPresenceChanged;
        _client.Calls.CallChanged += OnCallChanged;
    }

    /// <inheritdoc />
    /// <remarks>A new handler is first called once for every doorphone already in the client's roster.</remarks>
    public event EventHandler<DoorphoneStatusEventArgs>? StatusChanged
    {
        add
        {
            if (value is null)
            {
                return;
            }

            lock (_statusGate)
            {
                _statusChanged += value;
                foreach (var known in _client.Presence.Roster)
                {
                    if (IsDoorphone(known))
                    {
                        value(this, new DoorphoneStatusEventArgs(known.Id, known.Door, known.HasCamera));
                    }
                }
            }
        }

        remove
        {
            lock (_statusGate)
            {
                _statusChanged -= value;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks><see cref="DoorphoneCallEventArgs.CallId"/> is the PBX call reference (<see cref="CtiCall.CR"/>) in invariant digits.</remarks>
    public event EventHandler<DoorphoneCallEventArgs>? Ringing;

    /// <inheritdoc />
    public event EventHandler<DoorphoneCallEventArgs>? CallEnded;

    /// <summary>Sends <c>Door/Open_REQ</c> through <see cref="Client.Doors.OpenAsync(int, CancellationToken)"/>.</summary>
    public Task OpenDoorAsync(int doorphoneId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _client.Doors.OpenAsync(doorphoneId, cancellationToken);
    }

    /// <summary>
    /// Sends <c>Door/Camera_REQ</c> and maps the answer to a <see cref="CameraLink"/> (login and password become
    /// <see cref="RtspCredentials"/>); null when the answer carries no <c>rtsp://</c> URL. A refusal by the PBX
    /// (no camera right, no camera) surfaces as the client's <see cref="CtiException"/>.
    /// </summary>
    public async Task<CameraLink?> GetCameraLinkAsync(int doorphoneId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var link = await _client.Doors.GetCameraAsync(doorphoneId, cancellationToken).ConfigureAwait(false);
        return ToCameraLink(link);
    }

    /// <summary>Detaches from the client. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Presence.Changed -= OnPresenceChanged;
        _client.Calls.CallChanged -= OnCallChanged;
        lock (_statusGate)
        {
            _statusChanged = null;
        }

        lock (_callGate)
        {
            _doorCalls.Clear();
        }
    }

    /// <summary>Maps the client's camera link to the Doorphone package's; null without a usable <c>rtsp://</c> URL.</summary>
    internal static CameraLink? ToCameraLink(Client.CameraLink link)
    {
        if (link.Url is not { IsAbsoluteUri: true } url || !url.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credentials = string.IsNullOrEmpty(link.Login) ? null : new RtspCredentials(link.Login, link.Password ?? string.Empty);
        return new CameraLink(url, credentials);
    }

    private static bool IsDoorphone(SubscriberPresence presence) => presence.Door is not null || presence.HasCamera;

    private void OnPresenceChanged(object? sender, PresenceChange change)
    {
        var current = change.Current;
        var previous = change.Previous;
        bool relevant = previous is null
            ? IsDoorphone(current)
            : previous.Door != current.Door || previous.HasCamera != current.HasCamera;
        if (!relevant)
        {
            return;
        }

        lock (_statusGate)
        {
            _statusChanged?.Invoke(this, new DoorphoneStatusEventArgs(current.Id, current.Door, current.HasCamera));
        }
    }

    private void OnCallChanged(object? sender, CallEvent e)
    {
        var call = e.Call;
        DoorphoneCallEventArgs? ringing = null, ended = null;
        lock (_callGate)
        {
            if (_doorCalls.TryGetValue(call.CR, out int doorphoneId))
            {
                if (!call.IsActive)
                {
                    _doorCalls.Remove(call.CR);
                    ended = new DoorphoneCallEventArgs(doorphoneId, CallIdOf(call));
                }
            }
            else if (call.Direction == CallDirection.Incoming && call.Status == CallStatus.Ringing && DoorphoneCalling(call) is int id)
            {
                _doorCalls[call.CR] = id;
                ringing = new DoorphoneCallEventArgs(id, CallIdOf(call));
            }
        }

        if (ringing is not null)
        {
            Ringing?.Invoke(this, ringing);
        }

        if (ended is not null)
        {
            CallEnded?.Invoke(this, ended);
        }
    }

    /// <summary>The subscriber Id of the calling doorphone, or null when the caller is not a doorphone.</summary>
    private int? DoorphoneCalling(CtiCall call)
    {
        string? number = call.RemoteNumber ?? call.Calling?.Number;
        if (string.IsNullOrEmpty(number) || _client.PhoneBook.FindByExtension(number)?.SubscriberId is not int id)
        {
            return null;
        }

        return _client.Presence.Find(id) is { } presence && IsDoorphone(presence) ? id : null;
    }

    private static string CallIdOf(CtiCall call) => call.CR.ToString(CultureInfo.InvariantCulture);
}
