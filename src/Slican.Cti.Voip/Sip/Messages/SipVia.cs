using System.Globalization;
using System.Text;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>One Via entry: transport, sent-by and parameters (branch, rport, received).</summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 magic cookie that starts every compliant branch.</summary>
    public const string BranchCookie = "z9hG4bK";

    /// <summary>Transport token, e.g. UDP or TCP.</summary>
    public required string Transport { get; init; }

    /// <summary>Sent-by host.</summary>
    public required string Host { get; init; }

    /// <summary>Sent-by port, or null for the default 5060.</summary>
    public int? Port { get; init; }

    /// <summary>Parameters in order.</summary>
    public List<KeyValuePair<string, string?>> Parameters { get; init; } = new();

    /// <summary>Branch parameter, or null.</summary>
    public string? Branch => SipText.Get(Parameters, "branch");

    /// <summary>The <c>received</c> parameter, or null.</summary>
    public string? Received => SipText.Get(Parameters, "received");

    /// <summary>The <c>rport</c> value: null when absent, -1 when present without value.</summary>
    public int? RPort
    {
        get
        {
            string? v = SipText.Get(Parameters, "rport");
            return v is null ? null : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : -1;
        }
    }

    /// <summary>Sets or replaces a parameter.</summary>
    public void SetParameter(string name, string? value) => SipText.Set(Parameters, name, value);

    /// <summary>Parses one Via value.</summary>
    public static SipVia Parse(string text)
    {
        text = text.Trim();
        int space = text.IndexOfAny([' ', '\t']);
        if (space < 0)
        {
            throw new SipParseException("Via has no sent-by", 0);
        }

        string protocol = text[..space];
        string[] p = protocol.Split('/');
        if (p.Length != 3 || !p[0].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase))
        {
            throw new SipParseException("Via protocol is not SIP/2.0/<transport>", 0);
        }

        string rest = text[space..].Trim();
        int semi = rest.IndexOf(';');
        string sentBy = (semi < 0 ? rest : rest[..semi]).Trim();
        string host = sentBy;
        int? port = null;
        int colon = sentBy.LastIndexOf(':');
        if (colon > 0 && !sentBy.EndsWith(']'))
        {
            host = sentBy[..colon];
            if (!int.TryParse(sentBy[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int pp) || pp is <= 0 or > 65535)
            {
                throw new SipParseException("Via port is not a number 1..65535", 0);
            }

            port = pp;
        }

        if (host.Length == 0)
        {
            throw new SipParseException("Via has an empty host", 0);
        }

        return new SipVia
        {
            Transport = p[2].Trim().ToUpperInvariant(),
            Host = host,
            Port = port,
            Parameters = semi < 0 ? new() : SipText.ParseParameters(rest[semi..]),
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(SipText.FormatParameters(Parameters)).ToString();
    }
}
