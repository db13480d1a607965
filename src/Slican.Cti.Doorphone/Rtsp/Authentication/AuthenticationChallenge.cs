namespace Slican.Cti.Doorphone.Rtsp.Authentication;

/// <summary>One <c>WWW-Authenticate</c> challenge: a scheme (Basic or Digest) and its parameters (RFC 2617, RFC 7616).</summary>
internal sealed class AuthenticationChallenge
{
    private AuthenticationChallenge(string scheme, Dictionary<string, string> parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string Realm => Parameters.GetValueOrDefault("realm") ?? string.Empty;

    public string Nonce => Parameters.GetValueOrDefault("nonce") ?? string.Empty;

    public string? Opaque => Parameters.GetValueOrDefault("opaque");

    public string Algorithm => Parameters.GetValueOrDefault("algorithm") ?? "MD5";

    public bool Stale => string.Equals(Parameters.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the server offers <c>qop=auth</c> (then nc and cnonce are used).</summary>
    public bool OffersQopAuth =>
        Parameters.TryGetValue("qop", out var qop)
        && qop.Split(',', StringSplitOptions.TrimEntries).Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses one header value; null when it is not a usable challenge. Never throws on hostile input.</summary>
    public static AuthenticationChallenge? TryParse(string header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 4096)
        {
            return null;
        }

        var span = header.AsSpan().Trim();
        int space = span.IndexOfAny(' ', '\t');
        string scheme = (space < 0 ? span : span[..space]).ToString();
        if (scheme.Length == 0)
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space >= 0)
        {
            var rest = span[(space + 1)..];
            int i = 0;
            while (i < rest.Length && parameters.Count < 32)
            {
                while (i < rest.Length && (rest[i] is ' ' or '\t' or ','))
                {
                    i++;
                }

                int nameStart = i;
                while (i < rest.Length && rest[i] != '=' && rest[i] != ',')
                {
                    i++;
                }

                string name = rest[nameStart..i].Trim().ToString();
                if (i >= rest.Length || rest[i] != '=')
                {
                    // A bare token (e.g. a token68 of another scheme): skip it.
                    continue;
                }

                i++;
                string value;
                if (i < rest.Length && rest[i] == '"')
                {
                    i++;
                    var builder = new System.Text.StringBuilder();
                    while (i < rest.Length && rest[i] != '"')
                    {
                        if (rest[i] == '\\' && i + 1 < rest.Length)
                        {
                            i++;
                        }

                        builder.Append(rest[i]);
                        i++;
                    }

                    i++;
                    value = builder.ToString();
                }
                else
                {
                    int valueStart = i;
                    while (i < rest.Length && rest[i] != ',')
                    {
                        i++;
                    }

                    value = rest[valueStart..Math.Min(i, rest.Length)].Trim().ToString();
                }

                if (name.Length > 0)
                {
                    parameters[name] = value;
                }
            }
        }

        var challenge = new AuthenticationChallenge(scheme, parameters);
        if (challenge.IsDigest && challenge.Nonce.Length == 0)
        {
            return null;
        }

        return challenge;
    }
}
