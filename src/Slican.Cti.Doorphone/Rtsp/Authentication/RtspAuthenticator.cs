using System.Security.Cryptography;
using System.Text;
using Slican.Cti.Shared.Auth;

namespace Slican.Cti.Doorphone.Rtsp.Authentication;

/// <summary>
/// Answers Basic and Digest challenges (RFC 2617; RFC 7616 for SHA-256 and <c>-sess</c>), per connection. After the
/// first challenge every request carries an Authorization header; a new 401 during the session (a fresh nonce,
/// <c>stale=true</c>) is answered once more, while a 401 to the very challenge already answered means the
/// credentials are wrong. Credentials stay inside this type: nothing it throws or logs contains them.
/// </summary>
internal sealed class RtspAuthenticator
{
    private readonly RtspCredentials? _credentials;
    private readonly bool _allowBasic;
    private AuthenticationChallenge? _challenge;
    private int _nonceCount;

    public RtspAuthenticator(RtspCredentials? credentials, bool allowBasic)
    {
        _credentials = credentials;
        _allowBasic = allowBasic;
    }

    /// <summary>The scheme in use (for messages), or null before the first challenge.</summary>
    public string? Scheme => _challenge?.Scheme;

    /// <summary>The Authorization header value for a request, or null before the camera asked for credentials.</summary>
    public string? CreateAuthorization(string method, string uri)
    {
        if (_challenge is null || _credentials is null)
        {
            return null;
        }

        if (_challenge.IsBasic)
        {
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_credentials.UserName + ":" + _credentials.Password));
        }

        return CreateDigest(_challenge, _credentials, method, uri, ++_nonceCount, CreateClientNonce());
    }

    /// <summary>
    /// Adopts the challenge of a 401 answer. Throws <see cref="RtspAuthenticationException"/> when there are no
    /// credentials, no supported scheme, or when the camera rejects an answer to this same challenge.
    /// </summary>
    public void AcceptChallenge(IEnumerable<string> wwwAuthenticate, bool requestCarriedAuthorization, string cameraName)
    {
        AuthenticationChallenge? best = null;
        var offered = new List<string>();
        foreach (string header in wwwAuthenticate)
        {
            var challenge = AuthenticationChallenge.TryParse(header);
            if (challenge is null)
            {
                continue;
            }

            offered.Add(challenge.Scheme);
            if (Rank(challenge) > Rank(best))
            {
                best = challenge;
            }
        }

        if (_credentials is null)
        {
            throw new RtspAuthenticationException(
                $"The camera {cameraName} requires authentication ({string.Join(", ", offered.DefaultIfEmpty("no scheme named"))}) but no user name and password were given. " +
                "Pass them in RtspClientOptions.Credentials (the PBX sends them with the camera link).");
        }

        if (best is null || Rank(best) == 0)
        {
            throw new RtspAuthenticationException(
                $"The camera {cameraName} offers no supported authentication scheme (offered: {string.Join(", ", offered.DefaultIfEmpty("none"))}; supported: Digest MD5/SHA-256, Basic" +
                (_allowBasic ? string.Empty : " (disabled by AllowBasicAuthentication=false)") + ").");
        }

        bool sameChallenge = _challenge is not null
            && string.Equals(_challenge.Scheme, best.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(_challenge.Nonce, best.Nonce, StringComparison.Ordinal);
        if (requestCarriedAuthorization && sameChallenge && !best.Stale)
        {
            throw new RtspAuthenticationException(
                $"The camera {cameraName} rejected the user name or password ({best.Scheme}, realm \"{best.Realm}\"). Check the camera credentials configured in the PBX.");
        }

        _challenge = best;
        _nonceCount = 0;
    }

    internal static string CreateDigest(AuthenticationChallenge challenge, RtspCredentials credentials, string method, string uri, int nonceCount, string clientNonce) =>
        DigestResponse.Create(
            credentials.UserName,
            credentials.Password,
            challenge.Realm,
            challenge.Nonce,
            challenge.Opaque,
            challenge.Parameters.GetValueOrDefault("algorithm"),
            challenge.OffersQopAuth,
            method,
            uri,
            nonceCount,
            clientNonce);

    private static string CreateClientNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    private int Rank(AuthenticationChallenge? challenge)
    {
        if (challenge is null)
        {
            return -1;
        }

        if (challenge.IsDigest)
        {
            string algorithm = challenge.Algorithm;
            if (algorithm.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase))
            {
                return 3;
            }

            return algorithm.StartsWith("MD5", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
        }

        return challenge.IsBasic && _allowBasic ? 1 : 0;
    }
}
