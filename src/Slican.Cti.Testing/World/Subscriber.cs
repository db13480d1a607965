using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing;

/// <summary>Live state of one extension; only touched under the world lock.</summary>
internal sealed class Subscriber
{
    public Subscriber(SubscriberData data)
    {
        Data = data;
        Dnd = data.Dnd;
        AppState = data.AppState is null ? null : new AppState(data.AppState);
        AppInfo = data.AppInfo;
        OutOfOrder = data.OutOfOrder;
        Door = data.Kind == SubscriberKind.Doorphone ? DoorState.Close : null;
        HasCamera = data.Kind == SubscriberKind.Doorphone && data.Camera;
        Forwards[0] = new Forward(ForwardingType.All);
        Forwards[1] = new Forward(ForwardingType.Busy);
        Forwards[2] = new Forward(ForwardingType.NoAnswer);
    }

    public SubscriberData Data { get; }

    public int Id => Data.Id;

    public string Extension => Data.Extension;

    public string Name => Data.Name;

    public PhoneState PhoneState { get; set; } = PhoneState.Free;

    public bool Dnd { get; set; }

    public AppState? AppState { get; set; }

    public string? AppInfo { get; set; }

    public DateTime? AppInfoTime { get; set; }

    public int? CustomState { get; set; }

    public DoorState? Door { get; set; }

    /// <summary>Status <c>Camera</c>: a camera is associated (and reachable).</summary>
    public bool HasCamera { get; set; }

    public bool OutOfOrder { get; set; }

    public bool Locked { get; set; }

    public bool Paused { get; set; }

    public string? PauseReason { get; set; }

    public Forward[] Forwards { get; } = new Forward[3];

    public HashSet<int> LocationViewers { get; } = [];

    /// <summary>Whether the last CTIP STAT sent said off-hook, so only changes are reported.</summary>
    public bool OffHook { get; set; }

    public bool IsMessengerCapable => Data.CtiPassword is not null && Data.CtiAccess && Data.ApplicationAllowed;

    public bool HasActiveForward => Forwards.Any(f => f.On);

    public Forward GetForward(ForwardingType type) => Forwards.First(f => f.Type == type);

    public override string ToString() => Data.ToString();
}

/// <summary>One forwarding rule of a subscriber.</summary>
internal sealed class Forward(ForwardingType type)
{
    public ForwardingType Type { get; } = type;

    public bool On { get; set; }

    public string Number { get; set; } = "";

    public int Rings { get; set; }

    public ForwardingRule ToRule() => new() { Type = Type, On = On, Number = Number, Rings = Rings };
}
