using Slican.Cti.Shared.Auth;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Sip.Auth;

/// <summary>
/// Answers Digest challenges (MD5, qop=auth or none) and remembers the last challenge per realm so following
/// requests reuse the nonce with an incrementing nonce count instead of taking a 401 round trip each time.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly SipCredentials _credentials;
    private readonly object _gate = new();
    private readonly Dictionary<string, (DigestChallenge Challenge, bool Proxy, uint NonceCount)> _byRealm = new(StringComparer.Ordinal);

    /// <summary>Creates an authenticator for one account.</summary>
    public DigestAuthenticator(SipCredentials credentials) => _credentials = credentials;

    /// <summary>
    /// Takes the challenges of a 401/407 response. Returns false when there is nothing new to try: no usable Digest
    /// challenge, or the same nonce failed already and the server did not mark it stale (wrong password).
    /// </summary>
    public bool AcceptChallenge(SipResponse response)
    {
        bool proxy = response.StatusCode == 407;
        string header = proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate;
        bool any = false;
        lock (_gate)
        {
            foreach (var h in response.Headers)
            {
                if (!string.Equals(h.Name, header, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var challenge = DigestChallenge.TryParse(h.Value);
                if (challenge is null || !challenge.Algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (_byRealm.TryGetValue(challenge.Realm, out var known) && known.Challenge.Nonce == challenge.Nonce && !challenge.Stale)
                {
                    continue; // we already answered this nonce and were refused: the credentials are wrong
                }

                _byRealm[challenge.Realm] = (challenge, proxy, 0);
                any = true;
            }
        }

        return any;
    }

    /// <summary>Forgets all cached challenges (e.g. after a 403).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _byRealm.Clear();
        }
    }

    /// <summary>Adds Authorization/Proxy-Authorization headers for every cached realm to a request.</summary>
    public void Authorize(SipRequest request, IRandomSource? random = null)
    {
        request.RemoveHeader(SipHeaderNames.Authorization);
        request.RemoveHeader(SipHeaderNames.ProxyAuthorization);
        lock (_gate)
        {
            foreach (var realm in _byRealm.Keys.ToList())
            {
                var entry = _byRealm[realm];
                uint nc = entry.NonceCount + 1;
                _byRealm[realm] = entry with { NonceCount = nc };
                string cnonce = (random ?? DefaultRandom.Instance).NextHex(16);
                string value = BuildAuthorization(entry.Challenge, request.Method, request.RequestUri, nc, cnonce);
                request.AddHeader(entry.Proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, value);
            }
        }
    }

    /// <summary>Builds an Authorization header value for one challenge (RFC 2617 §3.2.2).</summary>
    internal string BuildAuthorization(DigestChallenge challenge, string method, string uri, uint nonceCount, string cnonce) =>
        DigestResponse.Create(
            _credentials.UserName,
            _credentials.Password,
            challenge.Realm,
            challenge.Nonce,
            challenge.Opaque,
            challenge.Algorithm,
            challenge.Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase)),
            method,
            uri,
            nonceCount,
            cnonce);

    /// <inheritdoc />
    public override string ToString() => $"DigestAuthenticator {{ UserName = {_credentials.UserName} }}";
}
