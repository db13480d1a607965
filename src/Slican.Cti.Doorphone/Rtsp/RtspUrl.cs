namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>Helpers that keep credentials out of URLs and check that the camera does not redirect the client.</summary>
public static class RtspUrl
{
    /// <summary>The default RTSP port (also what the PBX puts in DPH.IP camera links).</summary>
    public const int DefaultPort = 554;

    /// <summary>The URL without user info, safe to log and to send on the wire.</summary>
    public static Uri StripCredentials(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return builder.Uri;
    }

    /// <summary><c>rtsp://host:port/path</c> without user info or query, for messages and logs.</summary>
    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return "(none)";
        }

        if (!uri.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        return $"{uri.Scheme}://{uri.Host}:{PortOf(uri)}{uri.AbsolutePath}";
    }

    /// <summary>The port, 554 when the URL has none.</summary>
    public static int PortOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port;
    }

    /// <summary>The credentials of a <c>rtsp://user:password@host/</c> URL, or null.</summary>
    public static RtspCredentials? CredentialsOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri ? RtspCredentials.FromUserInfo(uri.UserInfo) : null;
    }

    /// <summary>
    /// Resolves a control or base URL from the camera against <paramref name="baseUri"/> and refuses it when it points
    /// to another host or port than <paramref name="connected"/>: following it would send the session (and the
    /// credentials of the next request) to a third party.
    /// </summary>
    /// <exception cref="RtspSecurityException">The URL names another host, port or scheme.</exception>
    /// <exception cref="RtspProtocolException">The URL is not a valid URL.</exception>
    public static Uri ResolveOnSameHost(Uri connected, Uri baseUri, string reference, string what)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(reference);
        reference = reference.Trim();
        Uri resolved;
        if (reference.Length == 0 || reference == "*")
        {
            resolved = baseUri;
        }
        else if (reference.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(reference, UriKind.Absolute, out resolved!))
            {
                throw new RtspProtocolException($"The camera sent an invalid {what} URL.");
            }
        }
        else
        {
            // Cameras commonly send a base without the trailing slash and expect "base/trackID=1".
            string text = baseUri.GetLeftPart(UriPartial.Path);
            if (!text.EndsWith('/'))
            {
                text += "/";
            }

            if (!Uri.TryCreate(new Uri(text), reference, out resolved!))
            {
                throw new RtspProtocolException($"The camera sent an invalid {what} URL.");
            }
        }

        if (!IsSameOrigin(connected, resolved))
        {
            throw new RtspSecurityException(
                $"The camera at {connected.Host}:{PortOf(connected)} sent a {what} URL pointing to {resolved.Host}:{(resolved.IsAbsoluteUri ? PortOf(resolved) : 0)}; " +
                "refused, because the client only talks to the host it connected to. Use that URL as the camera link if it is intended.");
        }

        return StripCredentials(resolved);
    }

    private static bool IsSameOrigin(Uri a, Uri b) =>
        b.IsAbsoluteUri
        && (b.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase) || b.Scheme.Equals(a.Scheme, StringComparison.OrdinalIgnoreCase))
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && PortOf(a) == PortOf(b);
}
