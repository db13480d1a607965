using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>One subscriber's presence as the roster shows it.</summary>
public sealed record SubscriberPresence
{
    /// <summary>The subscriber Id (e.g. <c>1001</c>).</summary>
    public int Id { get; init; }

    /// <summary>The extension number, from the phone book (e.g. <c>201</c>).</summary>
    public string? Extension { get; init; }

    /// <summary>The name, from the phone book.</summary>
    public string? Name { get; init; }

    /// <summary>The phone line state (free, busy, ringing…).</summary>
    public PhoneState? PhoneState { get; init; }

    /// <summary>Whether do-not-disturb is on.</summary>
    public bool Dnd { get; init; }

    /// <summary>The MessengerCTI status the user chose; <see langword="null"/> when not logged in to any application.</summary>
    public AppState? AppState { get; init; }

    /// <summary>The user's description text.</summary>
    public string? Description { get; init; }

    /// <summary>When the description was set.</summary>
    public DateTime? DescriptionTime { get; init; }

    /// <summary>The custom state index (meaning PBX-defined).</summary>
    public int? CustomState { get; init; }

    /// <summary>Whether a camera is linked (doorphones).</summary>
    public bool HasCamera { get; init; }

    /// <summary>The door contact state of a doorphone.</summary>
    public DoorState? Door { get; init; }

    /// <summary>Whether the subscriber is logged in to a CTI application.</summary>
    public bool IsOnline => AppState is { } s && s != Protocol.Xctip.Messages.AppState.Unavailable;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Extension ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Name} [{PhoneState?.Value ?? "?"}{(Dnd ? ", DND" : string.Empty)}{(AppState is { } a ? ", " + a.Value : string.Empty)}]{(string.IsNullOrEmpty(Description) ? string.Empty : " \"" + Description + "\"")}";
}

/// <summary>A roster entry changed.</summary>
/// <param name="Previous">The entry before, or <see langword="null"/> when new.</param>
/// <param name="Current">The entry now.</param>
public sealed record PresenceChange(SubscriberPresence? Previous, SubscriberPresence Current);

/// <summary>
/// The roster of every subscriber (phone state, DND, MessengerCTI status and description, camera, door) kept current
/// from <c>Status</c> events, and the user's own status.
/// </summary>
public sealed class Presence
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly Dictionary<int, SubscriberPresence> _roster = [];
    private readonly EventStream<PresenceChange> _changes;

    internal Presence(CtiClient client)
    {
        _client = client;
        _changes = client.Hub.CreateStream<PresenceChange>("Presence");
    }

    /// <summary>A subscriber's presence changed. Re-registration after a reconnect raises it only for real changes.</summary>
    public event EventHandler<PresenceChange>? Changed
    {
        add => _changes.Handlers += value;
        remove => _changes.Handlers -= value;
    }

    /// <summary>Subscribes to presence changes.</summary>
    public CtiEventSubscription<PresenceChange> Subscribe(int? capacity = null, EventOverflowMode? mode = null) => _changes.Subscribe(capacity, mode);

    /// <summary>Every subscriber, ordered by extension.</summary>
    public IReadOnlyList<SubscriberPresence> Roster
    {
        get
        {
            lock (_gate) return [.. _roster.Values.Select(Resolve).OrderBy(p => p.Extension ?? "~", StringComparer.Ordinal).ThenBy(p => p.Id)];
        }
    }

    /// <summary>The user's own entry.</summary>
    public SubscriberPresence? Own => _client.LogInfo is { } info ? Find(info.Id) : null;

    /// <summary>A subscriber by Id.</summary>
    public SubscriberPresence? Find(int subscriberId)
    {
        lock (_gate) return _roster.TryGetValue(subscriberId, out var p) ? Resolve(p) : null;
    }

    /// <summary>A subscriber by extension number.</summary>
    public SubscriberPresence? FindByExtension(string extension)
    {
        var contact = _client.PhoneBook.FindByExtension(extension);
        return contact?.SubscriberId is int id ? Find(id) : null;
    }

    /// <summary>Sets the user's MessengerCTI status and, optionally, description (<c>Status/Update_REQ</c>).</summary>
    public async Task SetStatusAsync(AppState state, string? description = null, CancellationToken cancellationToken = default)
    {
        await _client.RequestAsync(new StatusUpdateRequest
        {
            AppState = state,
            AppInfo = description,
            AppInfoTime = description is null ? null : _client.Options.TimeProvider.GetLocalNow().DateTime,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the user's description text only.</summary>
    public async Task SetDescriptionAsync(string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        await _client.RequestAsync(new StatusUpdateRequest
        {
            AppInfo = description,
            AppInfoTime = _client.Options.TimeProvider.GetLocalNow().DateTime,
        }, cancellationToken).ConfigureAwait(false);
    }

    private SubscriberPresence Resolve(SubscriberPresence p)
    {
        if (p.Name is not null) return p;
        var contact = _client.PhoneBook.FindBySubscriberId(p.Id);
        return contact is null ? p : p with { Name = contact.Name, Extension = contact.Extension };
    }

    internal void Apply(SubscriberStatus status)
    {
        if (status.Id is not int id) return;
        SubscriberPresence? previous;
        SubscriberPresence current;
        lock (_gate)
        {
            _roster.TryGetValue(id, out previous);
            var basis = status is StatusRefreshEvent ? new SubscriberPresence { Id = id } : previous ?? new SubscriberPresence { Id = id };
            current = basis with
            {
                PhoneState = status.State ?? basis.PhoneState,
                Dnd = status.DndStat is { } dnd ? dnd == DndState.On : basis.Dnd,
                AppState = status is StatusRefreshEvent ? status.AppState : status.AppState ?? basis.AppState,
                Description = status.AppInfo ?? basis.Description,
                DescriptionTime = status.AppInfoTime ?? basis.DescriptionTime,
                CustomState = status.CustomState ?? basis.CustomState,
                HasCamera = status.Camera ?? basis.HasCamera,
                Door = status.Door ?? basis.Door,
                Name = null,
                Extension = null,
            };
            if (previous is not null && previous == current) return; // a refresh after re-login that changes nothing
            _roster[id] = current;
        }

        if (_changes.HasListeners)
        {
            _changes.Publish(_client, new PresenceChange(previous is null ? null : Resolve(previous), Resolve(current)));
        }
    }
}
