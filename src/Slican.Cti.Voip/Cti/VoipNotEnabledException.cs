namespace Slican.Cti.Voip.Cti;

/// <summary>
/// The logged-in CTI subscriber has no MessengerCTI VoIP (<c>LogInfo_ANS/VoIP</c>=0), so the PBX would refuse its
/// SIP registration. Thrown before any SIP traffic, so the user learns what to change on the PBX.
/// </summary>
public sealed class VoipNotEnabledException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="extension"/>.</summary>
    public VoipNotEnabledException(string extension)
        : base($"VoIP is not enabled for extension {extension}: it needs the CTIuserPlus licence / VoIP in the subscriber's CTI settings on the PBX.")
    {
        Extension = extension;
    }

    /// <summary>Creates the exception with the standard message and no extension.</summary>
    public VoipNotEnabledException()
        : base("VoIP is not enabled for this extension: it needs the CTIuserPlus licence / VoIP in the subscriber's CTI settings on the PBX.")
    {
        Extension = string.Empty;
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public VoipNotEnabledException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Extension = string.Empty;
    }

    /// <summary>The extension that tried to start a softphone.</summary>
    public string Extension { get; }
}
