namespace Slican.Cti.Voip.Sip.Transport;

/// <summary>A SIP message could not be sent or a socket could not be opened; the message says which address.</summary>
public sealed class SipTransportException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SipTransportException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
