namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// The generic acknowledgement every module uses: <c>Answer{CId, Error}</c>. An absent or empty
/// <see cref="Error"/> means success. Verified in Log, Status, Sync, SMS and GSM; decoded in any module,
/// known or not, so that correlation never depends on the SDK knowing the module.
/// </summary>
public sealed record XctipAnswer : XctipMessage, IXctipCorrelated
{
    /// <summary>Creates an answer for a module.</summary>
    public XctipAnswer(string module)
    {
        ArgumentNullException.ThrowIfNull(module);
        ModuleName = module;
    }

    /// <summary>The module the answer came in.</summary>
    public string ModuleName { get; init; }

    /// <inheritdoc />
    public override string Module => ModuleName;

    /// <inheritdoc />
    public override string Name => "Answer";

    /// <summary>The correlation number of the request this answers. Verified.</summary>
    public int? CId { get; init; }

    /// <summary>The error text; <see langword="null"/> or empty on success. Verified name; texts are modeled.</summary>
    public string? Error { get; init; }

    /// <summary>The call reference of a call a request created (<c>Calls/MakeCall_REQ</c>). Modeled.</summary>
    public int? CR { get; init; }

    /// <summary>Whether the request succeeded.</summary>
    public bool IsSuccess => string.IsNullOrEmpty(Error);

    internal static XctipAnswer Read(ref XctipElementReader reader, string module)
    {
        int? cid = null, cr = null;
        string? error = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Error"u8)) reader.Read(ref error, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new XctipAnswer(module) { CId = cid, Error = error, CR = cr, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Error"u8, Error);
        writer.WriteElement("CR"u8, CR);
    }
}
