using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Slican.Cti.Shared.Auth;

/// <summary>
/// The Digest <c>Authorization</c> header value (RFC 2617; RFC 7616 for SHA-256 and <c>-sess</c>), shared by SIP
/// (Slican.Cti.Voip) and RTSP (Slican.Cti.Doorphone). The password goes only into the hash.
/// </summary>
internal static class DigestResponse
{
    /// <summary>Builds the header value for one challenge.</summary>
    /// <param name="userName">The user name (quoted in the header).</param>
    /// <param name="password">The password (hashed only).</param>
    /// <param name="realm">The challenge's realm.</param>
    /// <param name="nonce">The challenge's nonce.</param>
    /// <param name="opaque">The challenge's opaque value, echoed when present.</param>
    /// <param name="algorithm">
    /// The challenge's algorithm (<c>MD5</c>, <c>SHA-256</c>, optionally <c>-sess</c>), echoed; <see langword="null"/>
    /// when the challenge named none (MD5, and no <c>algorithm</c> parameter in the answer).
    /// </param>
    /// <param name="qopAuth">Whether the challenge offered <c>qop=auth</c> (then <c>nc</c> and <c>cnonce</c> are sent).</param>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The request URI.</param>
    /// <param name="nonceCount">How many times this nonce has been used, this request included.</param>
    /// <param name="clientNonce">A fresh client nonce.</param>
    public static string Create(string userName, string password, string realm, string nonce, string? opaque, string? algorithm, bool qopAuth, string method, string uri, long nonceCount, string clientNonce)
    {
        string name = algorithm ?? "MD5";
        bool sha256 = name.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase);
        bool session = name.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        string nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);

        string ha1 = Hash(sha256, $"{userName}:{realm}:{password}");
        if (session)
        {
            ha1 = Hash(sha256, $"{ha1}:{nonce}:{clientNonce}");
        }

        string ha2 = Hash(sha256, $"{method}:{uri}");
        string response = qopAuth
            ? Hash(sha256, $"{ha1}:{nonce}:{nc}:{clientNonce}:auth:{ha2}")
            : Hash(sha256, $"{ha1}:{nonce}:{ha2}");

        var builder = new StringBuilder("Digest ");
        builder.Append("username=\"").Append(Quote(userName))
            .Append("\", realm=\"").Append(Quote(realm))
            .Append("\", nonce=\"").Append(Quote(nonce))
            .Append("\", uri=\"").Append(Quote(uri))
            .Append("\", response=\"").Append(response).Append('"');
        if (algorithm is not null)
        {
            builder.Append(", algorithm=").Append(algorithm);
        }

        if (opaque is not null)
        {
            builder.Append(", opaque=\"").Append(Quote(opaque)).Append('"');
        }

        if (qopAuth || session)
        {
            builder.Append(", cnonce=\"").Append(clientNonce).Append('"');
        }

        if (qopAuth)
        {
            builder.Append(", qop=auth, nc=").Append(nc);
        }

        return builder.ToString();
    }

    /// <summary>Whether a challenge's <c>qop</c> list offers <c>auth</c>.</summary>
    public static bool OffersQopAuth(string? qop) =>
        qop is not null && qop.Split(',', StringSplitOptions.TrimEntries).Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase));

    /// <summary>Lower-case hex SHA-256 or MD5 of a UTF-8 string.</summary>
    public static string Hash(bool sha256, string text)
    {
        byte[] input = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what RFC 2617 Digest and nearly every PBX and camera use; it is not used for secrecy here.
        byte[] digest = sha256 ? SHA256.HashData(input) : MD5.HashData(input);
#pragma warning restore CA5351
        return Convert.ToHexString(digest).ToLowerInvariant();
    }

    /// <summary>Escapes a value for a quoted string.</summary>
    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
