using Slican.Cti.Shared.Auth;

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

        var p = AuthParameters.Parse(v.AsSpan(6));
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
