using Slican.Cti.Voip.Sip.Auth;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip;

/// <summary>
/// A SIP account on a registrar (a Slican PBX's VoIP subscriber). Out-of-dialog requests are sent to
/// <see cref="Registrar"/>:<see cref="Port"/>, as a desk phone does. <see cref="ToString"/> hides the password.
/// </summary>
public sealed record SipAccount
{
    /// <summary>Registrar/PBX host name or IP address; also the domain of the address of record.</summary>
    public required string Registrar { get; init; }

    /// <summary>Registrar port. Default 5060 (Slican PBXes listen on 5060).</summary>
    public int Port { get; init; } = 5060;

    /// <summary>User part of the address of record, usually the extension number.</summary>
    public required string UserName { get; init; }

    /// <summary>Authentication user name when it differs from <see cref="UserName"/>; null means the same.</summary>
    public string? AuthUserName { get; init; }

    /// <summary>Digest password; null when the registrar does not challenge. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>Display name put in From. Default none.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Transport to the registrar. Default UDP.</summary>
    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Registration lifetime asked for, in seconds. Default 300; the registrar may shorten it or demand more (423).</summary>
    public int RegisterExpires { get; init; } = 300;

    /// <summary>
    /// Send every out-of-dialog request (INVITE, REGISTER) to <see cref="Registrar"/>:<see cref="Port"/>, whatever
    /// host the target URI names, as a PBX extension must. Default true. When false, calls go straight to the
    /// target URI's host and port (peer-to-peer, or an account synthesised for an unregistered agent).
    /// </summary>
    public bool UseRegistrarAsOutboundProxy { get; init; } = true;

    /// <summary>The address of record, <c>sip:user@registrar</c>.</summary>
    public string AddressOfRecord => $"sip:{UserName}@{Registrar}";

    internal SipCredentials? Credentials => Password is null ? null : new SipCredentials(AuthUserName ?? UserName, Password);

    /// <inheritdoc />
    public override string ToString() => $"SipAccount {{ {AddressOfRecord} via {Transport} {Registrar}:{Port}, Password = {(Password is null ? "none" : "***")} }}";
}
