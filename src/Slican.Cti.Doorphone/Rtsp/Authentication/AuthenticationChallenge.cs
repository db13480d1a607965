using Slican.Cti.Shared.Auth;

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
    public bool OffersQopAuth => DigestResponse.OffersQopAuth(Parameters.GetValueOrDefault("qop"));

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

        var parameters = space < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : AuthParameters.Parse(span[(space + 1)..]);
        var challenge = new AuthenticationChallenge(scheme, parameters);
        if (challenge.IsDigest && challenge.Nonce.Length == 0)
        {
            return null;
        }

        return challenge;
    }
}
