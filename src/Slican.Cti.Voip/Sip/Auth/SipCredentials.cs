namespace Slican.Cti.Voip.Sip.Auth;

/// <summary>
/// User name and password for digest authentication. <see cref="ToString"/> never shows the password, so the
/// record is safe to log.
/// </summary>
/// <param name="UserName">Authentication user name (often the extension number).</param>
/// <param name="Password">Password; never logged.</param>
public sealed record SipCredentials(string UserName, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"SipCredentials {{ UserName = {UserName}, Password = *** }}";
}
