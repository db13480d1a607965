using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>A doorphone's state.</summary>
/// <param name="SubscriberId">The doorphone's subscriber Id.</param>
/// <param name="Extension">Its extension number (from the phone book).</param>
/// <param name="Name">Its name.</param>
/// <param name="Door">The door contact state.</param>
/// <param name="HasCamera">Whether it has a camera.</param>
public sealed record Doorphone(int SubscriberId, string? Extension, string? Name, DoorState? Door, bool HasCamera);

/// <summary>
/// A camera stream link. <see cref="Url"/> carries no credentials; <see cref="Login"/> and <see cref="Password"/>
/// are separate so that the URL can be logged. <see cref="ToString"/> never shows the password.
/// </summary>
/// <param name="SubscriberId">The doorphone or camera subscriber.</param>
/// <param name="Url">The <c>rtsp://</c> URL.</param>
/// <param name="Login">The stream login.</param>
/// <param name="Password">The stream password.</param>
public sealed record CameraLink(int SubscriberId, Uri? Url, string? Login, string? Password)
{
    /// <inheritdoc />
    public override string ToString() => $"CameraLink {{ SubscriberId = {SubscriberId}, Url = {Url}, Login = {Login}, Password = *** }}";
}

/// <summary>Doorphones: door state from presence, open the door, get the camera link (module <c>Door</c>, modeled).</summary>
public sealed class Doors
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly Dictionary<int, Doorphone> _doors = [];
    private readonly EventStream<Doorphone> _changes;

    internal Doors(CtiClient client)
    {
        _client = client;
        _changes = client.Hub.CreateStream<Doorphone>("Doors");
    }

    /// <summary>A door opened, closed or raised an alarm.</summary>
    public event EventHandler<Doorphone>? Changed
    {
        add => _changes.Handlers += value;
        remove => _changes.Handlers -= value;
    }

    /// <summary>Subscribes to door changes.</summary>
    public CtiEventSubscription<Doorphone> Subscribe(int? capacity = null) => _changes.Subscribe(capacity, null);

    /// <summary>Subscribers with a door contact or a camera.</summary>
    public IReadOnlyList<Doorphone> All
    {
        get
        {
            lock (_gate) return [.. _doors.Values.Select(Resolve).OrderBy(d => d.SubscriberId)];
        }
    }

    /// <summary>Opens the door of a doorphone (by subscriber Id).</summary>
    public Task OpenAsync(int doorphoneId, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new DoorOpenRequest { Id = doorphoneId }, cancellationToken);

    /// <summary>Opens the door of a doorphone by extension number.</summary>
    public Task OpenAsync(string extension, CancellationToken cancellationToken = default) =>
        OpenAsync(IdOf(extension), cancellationToken);

    /// <summary>Gets the camera link of a doorphone or camera subscriber.</summary>
    public async Task<CameraLink> GetCameraAsync(int subscriberId, CancellationToken cancellationToken = default)
    {
        var answer = await _client.RequestAsync<DoorCameraAnswer>(new DoorCameraRequest { Id = subscriberId }, cancellationToken).ConfigureAwait(false);
        Uri.TryCreate(answer.Url, UriKind.Absolute, out var url);
        return new CameraLink(answer.Id ?? subscriberId, url, answer.Login, answer.Pass);
    }

    /// <summary>Gets the camera link by extension number.</summary>
    public Task<CameraLink> GetCameraAsync(string extension, CancellationToken cancellationToken = default) =>
        GetCameraAsync(IdOf(extension), cancellationToken);

    private int IdOf(string extension) =>
        _client.PhoneBook.FindByExtension(extension)?.SubscriberId
        ?? throw new ArgumentException($"Extension {extension} is not a subscriber in the phone book.", nameof(extension));

    private Doorphone Resolve(Doorphone d)
    {
        if (d.Name is not null) return d;
        var contact = _client.PhoneBook.FindBySubscriberId(d.SubscriberId);
        return contact is null ? d : d with { Name = contact.Name, Extension = contact.Extension };
    }

    internal void Apply(SubscriberStatus status)
    {
        if (status.Id is not int id || (status.Door is null && status.Camera is null)) return;
        Doorphone current;
        lock (_gate)
        {
            _doors.TryGetValue(id, out var previous);
            current = new Doorphone(id, null, null, status.Door ?? previous?.Door, status.Camera ?? previous?.HasCamera ?? false);
            if (previous == current) return;
            _doors[id] = current;
            if (previous is null || previous.Door == current.Door) return;
        }

        _changes.Publish(_client, Resolve(current));
    }
}
