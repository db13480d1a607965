namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// A camera user name and password. Kept out of URLs, logs, exception messages and <see cref="ToString"/>
/// (which prints only the user name's presence), because the PBX hands them to the client for one camera only.
/// </summary>
public sealed class RtspCredentials : IEquatable<RtspCredentials>
{
    /// <summary>Creates credentials.</summary>
    /// <param name="userName">The camera user name.</param>
    /// <param name="password">The camera password.</param>
    public RtspCredentials(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        UserName = userName;
        Password = password;
    }

    /// <summary>The user name. Not secret by itself, but still kept out of logs.</summary>
    public string UserName { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>Splits <c>user:password</c> from a URL's user-info part (percent-decoded); null when there is none.</summary>
    public static RtspCredentials? FromUserInfo(string? userInfo)
    {
        if (string.IsNullOrEmpty(userInfo))
        {
            return null;
        }

        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        string user = colon < 0 ? userInfo : userInfo[..colon];
        string password = colon < 0 ? string.Empty : userInfo[(colon + 1)..];
        return new RtspCredentials(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
    }

    /// <inheritdoc/>
    public bool Equals(RtspCredentials? other) =>
        other is not null && string.Equals(UserName, other.UserName, StringComparison.Ordinal) && string.Equals(Password, other.Password, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RtspCredentials);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UserName, Password);

    /// <summary>Never prints the user name or the password.</summary>
    public override string ToString() => "RtspCredentials { *** }";
}
