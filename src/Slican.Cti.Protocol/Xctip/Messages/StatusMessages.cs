using System.Runtime.CompilerServices;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Status</c> module: presence of every subscriber.</summary>
internal static class StatusMessages
{
    public const string Module = "Status";

    // The most frequent frame first: lookups (and XctipMessageRegistry.FindFused) try messages in this order.
    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Change_EV", typeof(StatusChangeEvent), static (ref XctipElementReader reader) => SubscriberStatus.Read(ref reader, refresh: false), SubscriberStatus.Fields,
            static (frame, body, trailer, encoding) => SubscriberStatus.TryReadFused(frame, body, trailer, encoding, refresh: false)),
        new(Module, "Refresh_EV", typeof(StatusRefreshEvent), static (ref XctipElementReader reader) => SubscriberStatus.Read(ref reader, refresh: true), SubscriberStatus.Fields,
            static (frame, body, trailer, encoding) => SubscriberStatus.TryReadFused(frame, body, trailer, encoding, refresh: true)),
        new(Module, "Register_REQ", typeof(StatusRegisterRequest), StatusRegisterRequest.Read),
        new(Module, "Unregister_REQ", typeof(StatusUnregisterRequest), XctipCIdOnlyRequest.Read<StatusUnregisterRequest>),
        new(Module, "Update_REQ", typeof(StatusUpdateRequest), StatusUpdateRequest.Read),
    ];
}

/// <summary>
/// <c>Status/Register_REQ</c>: subscribe to presence. Without <see cref="Id"/> the PBX sends one <c>Refresh_EV</c> per
/// subscriber, then <c>Change_EV</c> deltas. Verified; the meanings of Id and Clear are inferred.
/// </summary>
public sealed record StatusRegisterRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => StatusMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";

    /// <summary>Whether to send the empty <c>Clear</c> element (reset earlier registrations; inferred).</summary>
    public bool Clear { get; init; }

    /// <summary>Limits the registration to one subscriber id; <see langword="null"/> for everyone (inferred).</summary>
    public int? Id { get; init; }

    internal static StatusRegisterRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, id = null;
        bool clear = false;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Clear"u8) && !clear)
            {
                clear = true;
                reader.Skip();
            }
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Clear = clear, Id = id, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        if (Clear)
        {
            writer.WriteEmptyElement("Clear"u8);
        }

        writer.WriteElement("Id"u8, Id);
    }
}

/// <summary><c>Status/Unregister_REQ</c>: stop presence events. Verified.</summary>
public sealed record StatusUnregisterRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => StatusMessages.Module;

    /// <inheritdoc />
    public override string Name => "Unregister_REQ";
}

/// <summary>
/// A subscriber's presence as carried by <c>Refresh_EV</c> (full state) and <c>Change_EV</c> (delta: absent
/// fields are unchanged). Field names verified; see each field for its values.
/// </summary>
public abstract record SubscriberStatus : XctipMessage
{
    /// <inheritdoc />
    public override string Module => StatusMessages.Module;

    /// <summary>The subscriber id (not the extension number). Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The phone line state. Verified name; <c>FREE</c> verified, other values modeled.</summary>
    public PhoneState? State { get; init; }

    /// <summary>Do-not-disturb. Verified (<c>On</c>); <c>Off</c> inferred.</summary>
    public DndState? DndStat { get; init; }

    /// <summary>The application state. Verified.</summary>
    public AppState? AppState { get; init; }

    /// <summary>The subscriber's description text. Verified.</summary>
    public string? AppInfo { get; init; }

    /// <summary>When the description was set (PBX local time). Verified.</summary>
    public DateTime? AppInfoTime { get; init; }

    /// <summary>A custom state index; meaning unknown. Verified name.</summary>
    public int? CustomState { get; init; }

    /// <summary>Whether the subscriber (a doorphone) has a camera. Verified.</summary>
    public bool? Camera { get; init; }

    /// <summary>A doorphone's door state. Verified (<c>Close</c>); <c>Open</c> inferred.</summary>
    public DoorState? Door { get; init; }

    /// <summary>The fields in the order the PBX writes them; <see cref="Read"/> switches on these indexes.</summary>
    internal static XctipFieldTable Fields { get; } =
        new("Id", "State", "DndStat", "AppState", "AppInfo", "AppInfoTime", "CustomState", "Camera", "Door");

    /// <summary>Reads a <c>Refresh_EV</c> (<paramref name="refresh"/>) or <c>Change_EV</c>.</summary>
    internal static SubscriberStatus Read(ref XctipElementReader reader, bool refresh)
    {
        int? id = null, customState = null;
        PhoneState? state = null;
        DndState? dnd = null;
        AppState? appState = null;
        string? appInfo = null;
        DateTime? appInfoTime = null;
        bool? camera = null;
        DoorState? door = null;
        var unknown = default(XctipUnknownElements);
        // Presence events are the most frequent frames: fields are switched on by index (see XctipFieldTable).
        while (reader.ReadNextField(Fields, out int field))
        {
            switch (field)
            {
                case 0: reader.Read(ref id, ref unknown); break;
                case 1: reader.Read(ref state, ref unknown); break;
                case 2: reader.Read(ref dnd, ref unknown); break;
                case 3: reader.Read(ref appState, ref unknown); break;
                case 4: reader.Read(ref appInfo, ref unknown); break;
                case 5: reader.Read(ref appInfoTime, ref unknown); break;
                case 6: reader.Read(ref customState, ref unknown); break;
                case 7: reader.Read(ref camera, ref unknown); break;
                case 8: reader.Read(ref door, ref unknown); break;
                default: reader.ReadUnknown(ref unknown); break;
            }
        }

        return Create(refresh, id, state, dnd, appState, appInfo, appInfoTime, customState, camera, door, unknown.ToList());
    }

    /// <summary>
    /// Reads a <c>Refresh_EV</c> or <c>Change_EV</c> in one pass (see <see cref="XctipFieldCursor"/>): the same
    /// values as <see cref="Read"/>, for frames with no unknown, repeated or unparsable field; for any other it gives
    /// up and the frame is read by <see cref="Read"/>.
    /// </summary>
    internal static SubscriberStatus? TryReadFused(ReadOnlySpan<byte> frame, int body, ReadOnlySpan<byte> trailer, CtiEncoding encoding, bool refresh)
    {
        var fields = new XctipFieldCursor(frame, body, Fields, trailer);
        int? id = null, customState = null;
        PhoneState? state = null;
        DndState? dnd = null;
        AppState? appState = null;
        string? appInfo = null;
        DateTime? appInfoTime = null;
        bool? camera = null;
        DoorState? door = null;
        while (fields.MoveNext())
        {
            var raw = fields.Value;
            switch (fields.Field)
            {
                case 0 when XctipValues.TryParseInt32(raw, out int value): id = value; break;
                case 1: state = XctipValues.Word<PhoneState>(raw, false, encoding); break;
                case 2: dnd = XctipValues.Word<DndState>(raw, false, encoding); break;
                case 3: appState = XctipValues.Word<AppState>(raw, false, encoding); break;
                case 4: appInfo = encoding.GetString(raw); break;
                case 5 when XctipTimestamp.TryParse(raw, out var value): appInfoTime = value; break;
                case 6 when XctipValues.TryParseInt32(raw, out int value): customState = value; break;
                case 7 when XctipValues.TryParseFlag(raw, out bool value): camera = value; break;
                case 8: door = XctipValues.Word<DoorState>(raw, false, encoding); break;
                default:
                    fields.Fail(); // a value Read would keep as an unknown element
                    return null;
            }
        }

        return fields.Completed && !fields.Failed
            ? Create(refresh, id, state, dnd, appState, appInfo, appInfoTime, customState, camera, door, ValueList<XctipElement>.Empty)
            : null;
    }

    // Presence events are the most frequent frames: each record is created directly (neither a generic "new T()" nor
    // a copy of an empty instance, which writes every field twice), inlined so the values are not copied once more.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SubscriberStatus Create(
        bool refresh, int? id, PhoneState? state, DndState? dnd, AppState? appState, string? appInfo, DateTime? appInfoTime,
        int? customState, bool? camera, DoorState? door, ValueList<XctipElement> unknown) =>
        refresh
            ? new StatusRefreshEvent
            {
                Id = id, State = state, DndStat = dnd, AppState = appState, AppInfo = appInfo, AppInfoTime = appInfoTime,
                CustomState = customState, Camera = camera, Door = door, Unknown = unknown,
            }
            : new StatusChangeEvent
            {
                Id = id, State = state, DndStat = dnd, AppState = appState, AppInfo = appInfo, AppInfoTime = appInfoTime,
                CustomState = customState, Camera = camera, Door = door, Unknown = unknown,
            };

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("State"u8, State);
        writer.WriteElement("DndStat"u8, DndStat);
        writer.WriteElement("AppState"u8, AppState);
        writer.WriteElement("AppInfo"u8, AppInfo);
        writer.WriteElement("AppInfoTime"u8, AppInfoTime);
        writer.WriteElement("CustomState"u8, CustomState);
        writer.WriteElement("Camera"u8, Camera);
        writer.WriteElement("Door"u8, Door);
    }
}

/// <summary><c>Status/Refresh_EV</c>: a subscriber's full presence, one per subscriber after registering. Verified.</summary>
public sealed record StatusRefreshEvent : SubscriberStatus
{
    /// <inheritdoc />
    public override string Name => "Refresh_EV";
}

/// <summary><c>Status/Change_EV</c>: a presence delta; absent fields did not change. Verified (delta semantics inferred).</summary>
public sealed record StatusChangeEvent : SubscriberStatus
{
    /// <inheritdoc />
    public override string Name => "Change_EV";
}

/// <summary><c>Status/Update_REQ</c>: set one's own application state or description; partial updates allowed. Verified.</summary>
public sealed record StatusUpdateRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => StatusMessages.Module;

    /// <inheritdoc />
    public override string Name => "Update_REQ";

    /// <summary>The new application state. Verified.</summary>
    public AppState? AppState { get; init; }

    /// <summary>The new description. Verified.</summary>
    public string? AppInfo { get; init; }

    /// <summary>When the description was set. Verified.</summary>
    public DateTime? AppInfoTime { get; init; }

    /// <summary>A custom state index. Verified name.</summary>
    public int? CustomState { get; init; }

    /// <summary>Whose status (one's own subscriber id). Verified.</summary>
    public int? Id { get; init; }

    internal static StatusUpdateRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, customState = null, id = null;
        AppState? appState = null;
        string? appInfo = null;
        DateTime? appInfoTime = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("AppState"u8)) reader.Read(ref appState, ref unknown);
            else if (name.SequenceEqual("AppInfo"u8)) reader.Read(ref appInfo, ref unknown);
            else if (name.SequenceEqual("AppInfoTime"u8)) reader.Read(ref appInfoTime, ref unknown);
            else if (name.SequenceEqual("CustomState"u8)) reader.Read(ref customState, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, AppState = appState, AppInfo = appInfo, AppInfoTime = appInfoTime, CustomState = customState, Id = id,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("AppState"u8, AppState);
        writer.WriteElement("AppInfo"u8, AppInfo);
        writer.WriteElement("AppInfoTime"u8, AppInfoTime);
        writer.WriteElement("CustomState"u8, CustomState);
        writer.WriteElement("Id"u8, Id);
    }
}
