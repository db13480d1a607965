namespace Slican.Cti.Voip.Registration;

/// <summary>The registrar refused the registration; <see cref="StatusCode"/> says how (403: wrong password, 404: unknown user...).</summary>
public sealed class SipRegistrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SipRegistrationException(string message, int statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>SIP status of the refusal, 0 when none arrived.</summary>
    public int StatusCode { get; }
}
