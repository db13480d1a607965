using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>Call forwarding of one kind.</summary>
/// <param name="Type">All (unconditional), Busy or NoAnswer.</param>
/// <param name="Enabled">Whether it is on.</param>
/// <param name="Number">The target number (kept when switched off).</param>
/// <param name="Rings">Rings before forwarding (NoAnswer only).</param>
public sealed record CallForwarding(ForwardingType Type, bool Enabled, string? Number, int Rings = 0);

/// <summary>The user's PBX services: DND and forwarding.</summary>
/// <param name="Dnd">Whether do-not-disturb is on.</param>
/// <param name="Forwardings">One entry per forwarding type.</param>
public sealed record ServiceSettings(bool Dnd, IReadOnlyList<CallForwarding> Forwardings)
{
    /// <summary>The forwarding of a type, if the PBX reported it.</summary>
    public CallForwarding? Forwarding(ForwardingType type) => Forwardings.FirstOrDefault(f => f.Type == type);
}

/// <summary>DND and call forwarding (all / busy / no answer), read and changed over XCTIP (module <c>Services</c>, modeled).</summary>
public sealed class Services
{
    private readonly CtiClient _client;
    private readonly EventStream<ServiceSettings> _changes;
    private ServiceSettings? _current;

    internal Services(CtiClient client)
    {
        _client = client;
        _changes = client.Hub.CreateStream<ServiceSettings>("Services");
    }

    /// <summary>The services changed (from any source: phone keypad, ConfigWEB, another client).</summary>
    public event EventHandler<ServiceSettings>? Changed
    {
        add => _changes.Handlers += value;
        remove => _changes.Handlers -= value;
    }

    /// <summary>The last known settings (after <see cref="GetAsync"/> or a change event).</summary>
    public ServiceSettings? Current => Volatile.Read(ref _current);

    /// <summary>Reads the current settings.</summary>
    public async Task<ServiceSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _client.RequestAsync<ServicesAnswer>(new ServicesGetRequest(), cancellationToken).ConfigureAwait(false);
        var settings = new ServiceSettings(answer.Dnd == DndState.On, [.. answer.Fwd.Select(ToForwarding)]);
        Volatile.Write(ref _current, settings);
        return settings;
    }

    /// <summary>Switches DND on or off.</summary>
    public async Task SetDndAsync(bool on, CancellationToken cancellationToken = default)
    {
        await _client.RequestAsync(new ServicesSetRequest { Dnd = on ? DndState.On : DndState.Off }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets one forwarding (switching it off keeps its number).</summary>
    public async Task SetForwardingAsync(CallForwarding forwarding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forwarding);
        await _client.RequestAsync(new ServicesSetRequest
        {
            Fwd = [new ForwardingRule { Type = forwarding.Type, On = forwarding.Enabled, Number = forwarding.Number ?? string.Empty, Rings = forwarding.Rings }],
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the user's description (shown in the roster).</summary>
    public Task SetDescriptionAsync(string description, CancellationToken cancellationToken = default) =>
        _client.Presence.SetDescriptionAsync(description, cancellationToken);

    private static CallForwarding ToForwarding(ForwardingRule r) =>
        new(r.Type ?? ForwardingType.All, r.On ?? false, string.IsNullOrEmpty(r.Number) ? null : r.Number, r.Rings ?? 0);

    internal void Apply(ServicesChangeEvent change)
    {
        if (_client.LogInfo is { } info && change.Id is int id && id != info.Id) return;
        var basis = Volatile.Read(ref _current) ?? new ServiceSettings(false, []);
        var forwardings = basis.Forwardings.ToDictionary(f => f.Type);
        foreach (var rule in change.Fwd)
        {
            var f = ToForwarding(rule);
            forwardings[f.Type] = f;
        }

        var settings = new ServiceSettings(change.Dnd is { } dnd ? dnd == DndState.On : basis.Dnd, [.. forwardings.Values]);
        Volatile.Write(ref _current, settings);
        _changes.Publish(_client, settings);
    }
}
