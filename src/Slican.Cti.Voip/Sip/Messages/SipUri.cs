using System.Globalization;
using System.Text;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// A <c>sip:</c> or <c>sips:</c> URI (RFC 3261 §19.1): user, host, port, parameters and headers. Passwords in the
/// user-info part are dropped on parse, because they must never be sent or logged.
/// </summary>
public sealed class SipUri
{
    /// <summary>Scheme, <c>sip</c> or <c>sips</c>.</summary>
    public string Scheme { get; init; } = "sip";

    /// <summary>User part (a number or name), or null.</summary>
    public string? User { get; init; }

    /// <summary>Host name or IP literal (IPv6 keeps its brackets).</summary>
    public required string Host { get; init; }

    /// <summary>Port, or null for the default.</summary>
    public int? Port { get; init; }

    /// <summary>URI parameters such as <c>transport</c> and <c>lr</c>, in order.</summary>
    public List<KeyValuePair<string, string?>> Parameters { get; init; } = new();

    /// <summary>Header part after <c>?</c> (e.g. <c>Replaces=...</c>), raw and escaped; null when absent.</summary>
    public string? Headers { get; init; }

    /// <summary>Value of a URI parameter, <c>""</c> for a flag, null when absent.</summary>
    public string? GetParameter(string name) => SipText.Get(Parameters, name);

    /// <summary>Parses a URI; throws <see cref="SipParseException"/> with the reason.</summary>
    public static SipUri Parse(string text)
    {
        if (!TryParse(text, out var uri, out string? error))
        {
            throw new SipParseException(error!, 0);
        }

        return uri!;
    }

    /// <summary>Parses a URI without throwing.</summary>
    public static bool TryParse(string text, out SipUri? uri, out string? error)
    {
        uri = null;
        text = text.Trim();
        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            error = $"URI '{Truncate(text)}' has no scheme";
            return false;
        }

        string scheme = text[..colon].ToLowerInvariant();
        if (scheme is not ("sip" or "sips" or "tel"))
        {
            error = $"URI scheme '{Truncate(scheme)}' is not sip, sips or tel";
            return false;
        }

        string rest = text[(colon + 1)..];
        string? headers = null;
        int q = rest.IndexOf('?');
        if (q >= 0)
        {
            headers = rest[(q + 1)..];
            rest = rest[..q];
        }

        string? user = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            int pw = user.IndexOf(':');
            if (pw >= 0)
            {
                user = user[..pw];
            }

            rest = rest[(at + 1)..];
        }

        string hostPort = rest;
        string parameters = string.Empty;
        int semi = rest.IndexOf(';');
        if (semi >= 0)
        {
            hostPort = rest[..semi];
            parameters = rest[semi..];
        }

        if (scheme == "tel")
        {
            user = hostPort;
            hostPort = "localhost";
        }

        string host;
        int? port = null;
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']');
            if (close < 0)
            {
                error = "IPv6 host is missing ']'";
                return false;
            }

            host = hostPort[..(close + 1)];
            string after = hostPort[(close + 1)..];
            if (after.StartsWith(':'))
            {
                if (!TryPort(after[1..], out port))
                {
                    error = $"port '{Truncate(after[1..])}' is not a number 1..65535";
                    return false;
                }
            }
        }
        else
        {
            int pc = hostPort.IndexOf(':');
            host = pc < 0 ? hostPort : hostPort[..pc];
            if (pc >= 0 && !TryPort(hostPort[(pc + 1)..], out port))
            {
                error = $"port '{Truncate(hostPort[(pc + 1)..])}' is not a number 1..65535";
                return false;
            }
        }

        if (host.Length == 0)
        {
            error = $"URI '{Truncate(text)}' has no host";
            return false;
        }

        foreach (char c in host)
        {
            if (c is ' ' or '<' or '>' or '"' or '\r' or '\n' or '@' || char.IsControl(c))
            {
                error = $"host '{Truncate(host)}' contains an invalid character";
                return false;
            }
        }

        uri = new SipUri
        {
            Scheme = scheme == "tel" ? "sip" : scheme,
            User = user,
            Host = host,
            Port = port,
            Parameters = SipText.ParseParameters(parameters),
            Headers = headers,
        };
        error = null;
        return true;
    }

    private static bool TryPort(string s, out int? port)
    {
        port = null;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and <= 65535)
        {
            port = p;
            return true;
        }

        return false;
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "...";

    /// <summary>A copy with other values.</summary>
    public SipUri With(string? user = null, string? host = null, int? port = null, bool clearHeaders = false) => new()
    {
        Scheme = Scheme,
        User = user ?? User,
        Host = host ?? Host,
        Port = port ?? Port,
        Parameters = new(Parameters),
        Headers = clearHeaders ? null : Headers,
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme).Append(':');
        if (!string.IsNullOrEmpty(User))
        {
            sb.Append(User).Append('@');
        }

        sb.Append(Host);
        if (Port is { } p)
        {
            sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(SipText.FormatParameters(Parameters));
        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }

        return sb.ToString();
    }
}
