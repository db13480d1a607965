namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// One XCTIP message: an element inside a module element of a frame, such as <c>Status/Change_EV</c>.
/// Typed messages derive from this; anything the SDK has no type for arrives as <see cref="XctipUnknownMessage"/>.
/// </summary>
public abstract record XctipMessage
{
    /// <summary>The module element the message travels in (<c>Log</c>, <c>Status</c>, <c>Calls</c>…).</summary>
    public abstract string Module { get; }

    /// <summary>The message element name (<c>MakeLog</c>, <c>Change_EV</c>…).</summary>
    public abstract string Name { get; }

    /// <summary>Child elements the SDK does not model, kept in order and written back after the known fields.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    /// <summary>Writes the message's child elements, known fields first, then <see cref="Unknown"/>.</summary>
    public void WriteBody(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteFields(writer);
        writer.WriteElements(Unknown);
    }

    /// <summary>Writes the known fields in wire order.</summary>
    protected abstract void WriteFields(XctipWriter writer);
}

/// <summary>A message that carries the client's correlation number, echoed in the PBX's answer.</summary>
public interface IXctipCorrelated
{
    /// <summary>The correlation number (<c>CId</c>), or <see langword="null"/> when absent.</summary>
    int? CId { get; }
}

/// <summary>
/// A request from client to PBX. The client stamps <see cref="CId"/> when it sends (<c>request with { CId = n }</c>).
/// </summary>
public abstract record XctipRequest : XctipMessage, IXctipCorrelated
{
    /// <summary>The correlation number the PBX echoes in its <c>Answer</c> (and in some <c>_ANS</c> replies).</summary>
    public int? CId { get; init; }
}

/// <summary>
/// A request whose only field is <see cref="XctipRequest.CId"/> (<c>Logout</c>, <c>Unregister_REQ</c>, <c>Get_REQ</c>…):
/// one reader and one writer serve them all.
/// </summary>
public abstract record XctipCIdOnlyRequest : XctipRequest
{
    /// <inheritdoc />
    protected sealed override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
    }

    internal static T Read<T>(ref XctipElementReader reader)
        where T : XctipCIdOnlyRequest, new()
    {
        int? cid = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new T { CId = cid, Unknown = unknown.ToList() };
    }
}

/// <summary>
/// A message the SDK has no type for, kept whole. Written back out, it produces an equivalent element.
/// </summary>
public sealed record XctipUnknownMessage : XctipMessage
{
    /// <summary>Creates an unknown message from its module name and raw element.</summary>
    public XctipUnknownMessage(string module, XctipElement element)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(element);
        ModuleName = module;
        Element = element;
    }

    /// <summary>The module name as received.</summary>
    public string ModuleName { get; init; }

    /// <summary>The whole message element as received.</summary>
    public XctipElement Element { get; init; }

    /// <inheritdoc />
    public override string Module => ModuleName;

    /// <inheritdoc />
    public override string Name => Element.Name;

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Element.Children.Count == 0)
        {
            writer.WriteText(Element.Text);
        }

        writer.WriteElements(Element.Children);
    }
}
