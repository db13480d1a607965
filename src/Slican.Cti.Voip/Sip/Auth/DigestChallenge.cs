namespace Slican.Cti.Voip.Sip.Auth;

/// <summary>A parsed <c>WWW-Authenticate</c>/<c>Proxy-Authenticate</c> Digest challenge (RFC 2617 / RFC 7616).</summary>
public sealed record DigestChallenge
{
    /// <summary>Protection realm.</summary>
    public required string Realm { get; init; }

    /// <summary>Server nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>Opaque value to echo, or null.</summary>
    public string? Opaque { get; init; }

    /// <summary>Algorithm, MD5 when absent.</summary>
    public string Algorithm { get; init; } = "MD5";

    /// <summary>Offered qop values (empty for RFC 2069 style).</summary>
    public IReadOnlyList<string> Qop { get; init; } = Array.Empty<string>();

    /// <summary>True when the server said the previous nonce was stale (the password was right).</summary>
    public bool Stale { get; init; }

    /// <summary>Parses a challenge header value; returns null when it is not a Digest challenge.</summary>
    public static DigestChallenge? TryParse(string headerValue)
    {
        string v = headerValue.Trim();
        if (!v.StartsWith("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var p = DigestParameters.Parse(v[6..]);
        if (!p.TryGetValue("realm", out string? realm) || !p.TryGetValue("nonce", out string? nonce))
        {
            return null;
        }

        p.TryGetValue("qop", out string? qop);
        p.TryGetValue("algorithm", out string? algorithm);
        p.TryGetValue("stale", out string? stale);
        p.TryGetValue("opaque", out string? opaque);
        return new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = opaque,
            Algorithm = string.IsNullOrEmpty(algorithm) ? "MD5" : algorithm,
            Qop = qop is null ? Array.Empty<string>() : qop.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Stale = string.Equals(stale, "true", StringComparison.OrdinalIgnoreCase),
        };
    }
}

/// <summary>Parser for the comma-separated <c>name=value</c> / <c>name="value"</c> lists of Digest headers.</summary>
internal static class DigestParameters
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            string name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                i++;
                value = sb.ToString();
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ',')
                {
                    i++;
                }

                value = text[valueStart..i].Trim();
            }

            if (name.Length > 0)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
