using System.Text;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec header value (From, To, Contact, Route, Refer-To): optional display name, URI and
/// header parameters such as <c>tag</c> and <c>expires</c>.
/// </summary>
public sealed class SipNameAddress
{
    /// <summary>Display name without quotes, or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The address.</summary>
    public required SipUri Uri { get; init; }

    /// <summary>Header parameters after the address (tag, expires, q...).</summary>
    public List<KeyValuePair<string, string?>> Parameters { get; init; } = new();

    /// <summary>The <c>tag</c> parameter, or null.</summary>
    public string? Tag => SipText.Get(Parameters, "tag");

    /// <summary>Value of a header parameter, or null.</summary>
    public string? GetParameter(string name) => SipText.Get(Parameters, name);

    /// <summary>A copy with a tag set.</summary>
    public SipNameAddress WithTag(string tag)
    {
        var copy = new SipNameAddress { DisplayName = DisplayName, Uri = Uri, Parameters = new(Parameters) };
        SipText.Set(copy.Parameters, "tag", tag);
        return copy;
    }

    /// <summary>Parses a header value; throws <see cref="SipParseException"/>.</summary>
    public static SipNameAddress Parse(string text)
    {
        text = text.Trim();
        int lt = IndexOfUnquoted(text, '<');
        if (lt >= 0)
        {
            int gt = text.IndexOf('>', lt);
            if (gt < 0)
            {
                throw new SipParseException("name-addr is missing '>'", 0);
            }

            string display = text[..lt].Trim();
            return new SipNameAddress
            {
                DisplayName = display.Length == 0 ? null : SipText.Unquote(display),
                Uri = SipUri.Parse(text[(lt + 1)..gt]),
                Parameters = SipText.ParseParameters(text[(gt + 1)..]),
            };
        }

        // addr-spec: parameters after the URI belong to the header (RFC 3261 §20.10).
        int semi = text.IndexOf(';');
        return new SipNameAddress
        {
            Uri = SipUri.Parse(semi < 0 ? text : text[..semi]),
            Parameters = semi < 0 ? new() : SipText.ParseParameters(text[semi..]),
        };
    }

    private static int IndexOfUnquoted(string s, char c)
    {
        bool quoted = false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && s[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        }

        sb.Append('<').Append(Uri).Append('>').Append(SipText.FormatParameters(Parameters));
        return sb.ToString();
    }
}
