using System.Globalization;
using System.Threading.Channels;
using Slican.Cti.Client;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Snapshots;
using Slican.Cti.Protocol.Xctip.Messages;

namespace DoorCamera;

/// <summary>
/// Watches the doorphones of a logged-in client (Slican.Cti.Doorphone's <see cref="DoorphoneDirectory"/> over
/// <see cref="CtiDoorphoneSource"/>): reports door and camera changes, takes a snapshot when a doorphone rings, and
/// opens doors. Everything that happens goes to <see cref="Activities"/>, in order, for the app to show.
/// </summary>
internal sealed class DoorWatcher : IAsyncDisposable
{
    private readonly CtiClient _client;
    private readonly DoorphoneDirectory _doors;
    private readonly string? _snapshotDirectory;
    private readonly RtspClientOptions _cameraTemplate;
    private readonly TimeSpan _cameraTimeout;
    private readonly Channel<DoorActivity> _activities = Channel.CreateUnbounded<DoorActivity>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<Task> _snapshots = [];
    private int? _lastRang;

    /// <param name="client">The logged-in client.</param>
    /// <param name="snapshotDirectory">Where snapshots go; null = no snapshots (just watch and open).</param>
    /// <param name="cameraTimeout">How long to wait for the camera: connecting, negotiating and the first picture.</param>
    public DoorWatcher(CtiClient client, string? snapshotDirectory, TimeSpan cameraTimeout)
    {
        _client = client;
        _snapshotDirectory = snapshotDirectory is null ? null : Path.GetFullPath(snapshotDirectory);
        _cameraTimeout = cameraTimeout;

        // The URI is replaced by each doorphone's camera link (with its credentials) when a snapshot is taken.
        _cameraTemplate = new RtspClientOptions { Uri = new Uri("rtsp://127.0.0.1/"), ConnectTimeout = cameraTimeout, RequestTimeout = cameraTimeout };

        // Attach the handlers before the directory reports the doorphones the client already knows.
        _doors = DoorphoneDirectory.ForClient(client);
        _doors.Changed += OnChanged;
        _doors.Ringing += OnRinging;
        _doors.CallEnded += OnCallEnded;
        foreach (var doorphone in _doors.Doorphones) Report(DoorActivityKind.DoorChanged, doorphone.SubscriberId, $"Doorphone {NameOf(doorphone.SubscriberId)}: {Describe(doorphone)}", doorphone.Door);
    }

    /// <summary>Everything that happened, in order. Read it, or it grows.</summary>
    public ChannelReader<DoorActivity> Activities => _activities.Reader;

    /// <summary>
    /// Opens a door: <paramref name="extension"/>, else the doorphone that rang last, else the only one. The result
    /// says whether the door contact confirmed it.
    /// </summary>
    public async Task<string> OpenAsync(string? extension, CancellationToken cancellationToken)
    {
        int? id = extension is null ? _lastRang ?? SingleDoorphone() : _client.Presence.FindByExtension(extension)?.Id;
        if (id is not int subscriberId || !_doors.TryGet(subscriberId, out _))
        {
            return extension is null ? "Which door? Type o and the doorphone's extension, e.g. o 250." : $"{extension} is not a doorphone.";
        }

        try
        {
            var result = await _doors.OpenDoorAsync(subscriberId, cancellationToken);
            return $"Door {NameOf(subscriberId)} opened ({result.Method}), " +
                (result.Confirmed ? "confirmed by the door contact." : "not confirmed (no door contact, or it did not report in time).");
        }
        catch (DoorOpenException ex)
        {
            return $"Door {NameOf(subscriberId)} did not open: {ex.Message}";
        }
    }

    /// <summary>Detaches from the client and waits for snapshots in progress (cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        _doors.Changed -= OnChanged;
        _doors.Ringing -= OnRinging;
        _doors.CallEnded -= OnCallEnded;
        _doors.Dispose();
        await _stopping.CancelAsync();
        Task[] running;
        lock (_gate) running = [.. _snapshots];
        await Task.WhenAll(running);
        _stopping.Dispose();
        _activities.Writer.TryComplete();
    }

    private void OnChanged(object? sender, DoorphoneChangedEventArgs e) =>
        Report(DoorActivityKind.DoorChanged, e.Current.SubscriberId, e.Previous is null
            ? $"Doorphone {NameOf(e.Current.SubscriberId)}: {Describe(e.Current)}"
            : $"Door {NameOf(e.Current.SubscriberId)}: {Describe(e.Previous)} -> {Describe(e.Current)}", e.Current.Door);

    private void OnRinging(object? sender, DoorphoneRingingEventArgs e)
    {
        int id = e.Doorphone.SubscriberId;
        _lastRang = id;
        Report(DoorActivityKind.Ringing, id, $"Doorphone {NameOf(id)} is ringing (call {e.CallId}). Type o to open the door.");
        if (_snapshotDirectory is null || !e.Doorphone.HasCamera) return;

        // Event handlers run on the client's event thread: never make it wait for a camera. The snapshot runs on
        // its own and reports back through the activity channel.
        var snapshot = Task.Run(() => TakeSnapshotAsync(id, _stopping.Token));
        lock (_gate)
        {
            _snapshots.RemoveAll(t => t.IsCompleted);
            _snapshots.Add(snapshot);
        }
    }

    private void OnCallEnded(object? sender, DoorphoneRingingEventArgs e) =>
        Report(DoorActivityKind.CallEnded, e.Doorphone.SubscriberId, $"Call with doorphone {NameOf(e.Doorphone.SubscriberId)} ended.");

    private async Task TakeSnapshotAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            // The PBX hands out the camera link with its credentials (Door/Camera_REQ); they are never printed.
            var link = await _doors.GetCameraLinkAsync(id, cancellationToken);
            if (link is null)
            {
                Report(DoorActivityKind.SnapshotFailed, id, $"No snapshot: the PBX has no camera link for {NameOf(id)}.");
                return;
            }

            var snapshot = await RtspSnapshot.TakeAsync(link.ToClientOptions(_cameraTemplate), new SnapshotOptions { Timeout = _cameraTimeout }, cancellationToken: cancellationToken);
            string file = Path.Combine(_snapshotDirectory!, $"door-{_client.Presence.Find(id)?.Extension ?? id.ToString(CultureInfo.InvariantCulture)}-{snapshot.TakenAt:yyyyMMdd-HHmmss-fff}{snapshot.FileExtension}");
            await snapshot.SaveAsync(file, cancellationToken);
            Report(DoorActivityKind.SnapshotSaved, id, $"Snapshot of {NameOf(id)}: {file} ({snapshot.Format}, {snapshot.Width}x{snapshot.Height}, {snapshot.Data.Length} bytes)", snapshotPath: file);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is RtspException or CtiException or IOException or UnauthorizedAccessException)
        {
            Report(DoorActivityKind.SnapshotFailed, id, $"No snapshot of {NameOf(id)}: {ex.Message}");
        }
    }

    private int? SingleDoorphone() => _doors.Doorphones is [var only] ? only.SubscriberId : null;

    private string NameOf(int subscriberId) =>
        _client.Presence.Find(subscriberId) is { Extension: { } extension } p ? $"{extension} {p.Name}".TrimEnd() : "#" + subscriberId.ToString(CultureInfo.InvariantCulture);

    private static string Describe(Slican.Cti.Doorphone.Doors.Doorphone d) => $"door {d.Door?.Value ?? "unknown"}, camera {(d.HasCamera ? "yes" : "no")}";

    private void Report(DoorActivityKind kind, int id, string text, DoorState? door = null, string? snapshotPath = null) =>
        _activities.Writer.TryWrite(new DoorActivity(kind, id, text, door, snapshotPath));
}
