using System.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// An element kept as it was received: a module, message or field the SDK has no type for. Unknown parts of a
/// frame travel as these and are written back out equivalently, so a newer PBX never breaks a client.
/// </summary>
/// <param name="Name">The element name.</param>
/// <param name="Text">The decoded text content; empty when the element has children or no content.</param>
/// <param name="Children">Child elements in document order.</param>
public sealed record XctipElement(string Name, string Text, ValueList<XctipElement> Children)
{
    /// <summary>Creates a leaf element with text.</summary>
    public XctipElement(string name, string text)
        : this(name, text, ValueList<XctipElement>.Empty)
    {
    }

    /// <summary>Creates an element with children.</summary>
    public XctipElement(string name, params XctipElement[] children)
        : this(name, string.Empty, ValueList<XctipElement>.From(children.AsSpan()))
    {
    }

    /// <summary>The first child with this name, or <see langword="null"/>.</summary>
    public XctipElement? Child(string name)
    {
        foreach (var child in Children)
        {
            if (child.Name == name)
            {
                return child;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        sb.Append('<').Append(Name).Append('>');
        if (Children.Count == 0)
        {
            sb.Append(Text);
        }

        foreach (var child in Children)
        {
            child.Append(sb);
        }

        sb.Append("</").Append(Name).Append('>');
    }
}
