namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Location</c> module: sharing the user's position (docs/protocol.md 5.10). Modeled.</summary>
internal static class LocationMessages
{
    public const string Module = "Location";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Share_REQ", typeof(LocationShareRequest), LocationShareRequest.Read),
        new(Module, "Update_REQ", typeof(LocationUpdateRequest), LocationUpdateRequest.Read),
        new(Module, "Position_EV", typeof(LocationPositionEvent), LocationPositionEvent.Read),
    ];
}

/// <summary>
/// <c>Location/Share_REQ</c>: grant or revoke subscribers' view of the user's position. Modeled (docs/protocol.md
/// 5.10).
/// </summary>
public sealed record LocationShareRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => LocationMessages.Module;

    /// <inheritdoc />
    public override string Name => "Share_REQ";

    /// <summary>The subscriber ids, one <c>Id</c> element each. Modeled.</summary>
    public ValueList<int> Id { get; init; } = ValueList<int>.Empty;

    /// <summary>Whether to grant (<see langword="true"/>) or revoke. Modeled.</summary>
    public bool? On { get; init; }

    internal static LocationShareRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        var idList = new List<int>();
        bool? on = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Add(idList, ref unknown);
            else if (name.SequenceEqual("On"u8)) reader.Read(ref on, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Id = idList, On = on, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElements("Id"u8, Id);
        writer.WriteElement("On"u8, On);
    }
}

/// <summary>
/// <c>Location/Update_REQ</c>: publish the user's own position. Modeled (docs/protocol.md 5.10).
/// </summary>
public sealed record LocationUpdateRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => LocationMessages.Module;

    /// <inheritdoc />
    public override string Name => "Update_REQ";

    /// <summary>Latitude in decimal degrees, −90…90. Modeled.</summary>
    public decimal? Lat { get; init; }

    /// <summary>Longitude in decimal degrees, −180…180. Modeled.</summary>
    public decimal? Lon { get; init; }

    internal static LocationUpdateRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        decimal? lat = null, lon = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Lat"u8)) reader.Read(ref lat, ref unknown);
            else if (name.SequenceEqual("Lon"u8)) reader.Read(ref lon, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Lat = lat, Lon = lon, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Lat"u8, Lat);
        writer.WriteElement("Lon"u8, Lon);
    }
}

/// <summary>
/// <c>Location/Position_EV</c>: the position of a subscriber who shares it with the user. Modeled (docs/protocol.md
/// 5.10).
/// </summary>
public sealed record LocationPositionEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => LocationMessages.Module;

    /// <inheritdoc />
    public override string Name => "Position_EV";

    /// <summary>Whose position. Modeled.</summary>
    public int? Id { get; init; }

    /// <summary>Latitude in decimal degrees. Modeled.</summary>
    public decimal? Lat { get; init; }

    /// <summary>Longitude in decimal degrees. Modeled.</summary>
    public decimal? Lon { get; init; }

    /// <summary>When the position was taken (PBX local time). Modeled.</summary>
    public DateTime? Time { get; init; }

    internal static LocationPositionEvent Read(ref XctipElementReader reader)
    {
        int? id = null;
        decimal? lat = null, lon = null;
        DateTime? time = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Lat"u8)) reader.Read(ref lat, ref unknown);
            else if (name.SequenceEqual("Lon"u8)) reader.Read(ref lon, ref unknown);
            else if (name.SequenceEqual("Time"u8)) reader.Read(ref time, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { Id = id, Lat = lat, Lon = lon, Time = time, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Lat"u8, Lat);
        writer.WriteElement("Lon"u8, Lon);
        writer.WriteElement("Time"u8, Time);
    }
}
