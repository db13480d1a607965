using System.Text;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// A camera link as the PBX hands it out (<c>Door/Camera_ANS</c>: Url, Login, Pass): an <c>rtsp://</c> URL, normally
/// to port 554, and credentials kept apart from the URL. <see cref="ToString"/> prints neither user nor password.
/// </summary>
public sealed record CameraLink
{
    /// <summary>Creates a link; user info embedded in <paramref name="uri"/> is moved to <see cref="Credentials"/> when none are given.</summary>
    public CameraLink(Uri uri, RtspCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || !uri.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"A camera link must be an rtsp:// URL (got {RtspUrl.Redact(uri)}).", nameof(uri));
        }

        Credentials = credentials ?? RtspUrl.CredentialsOf(uri);
        Uri = RtspUrl.StripCredentials(uri);
    }

    /// <summary>The stream URL without credentials.</summary>
    public Uri Uri { get; }

    /// <summary>The camera user and password, or null.</summary>
    public RtspCredentials? Credentials { get; }

    /// <summary>Builds a link from the PBX's answer; null when it carries no usable URL.</summary>
    public static CameraLink? FromAnswer(DoorCameraAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (string.IsNullOrWhiteSpace(answer.Url) || !Uri.TryCreate(answer.Url.Trim(), UriKind.Absolute, out var uri) || !uri.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credentials = string.IsNullOrEmpty(answer.Login) ? null : new RtspCredentials(answer.Login, answer.Pass ?? string.Empty);
        return new CameraLink(uri, credentials);
    }

    /// <summary>Options for an <see cref="RtspClient"/> or <see cref="RtspCamera"/> playing this link.</summary>
    public RtspClientOptions ToClientOptions(RtspClientOptions? template = null) =>
        (template ?? new RtspClientOptions { Uri = Uri }) with { Uri = Uri, Credentials = Credentials };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Uri = ").Append(RtspUrl.Redact(Uri)).Append(", Credentials = ").Append(Credentials is null ? "none" : "***");
        return true;
    }
}
