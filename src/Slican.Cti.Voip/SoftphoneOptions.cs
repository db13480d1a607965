using System.Net;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip;

/// <summary>
/// Everything a <see cref="Softphone"/> needs, as plain values: the PBX's SIP address and the subscriber's VoIP
/// account, plus local network settings. A CTI client can fill this from its login data; anyone else sets it by
/// hand. <see cref="ToString"/> hides the password.
/// </summary>
public sealed record SoftphoneOptions
{
    /// <summary>PBX (registrar) host name or IP address: the "public host name or PBX IP address for VoIP" of the PBX's CTI settings.</summary>
    public required string RegistrarHost { get; init; }

    /// <summary>PBX SIP port. Default 5060 (the port Slican PBXes use for SIP).</summary>
    public int RegistrarPort { get; init; } = 5060;

    /// <summary>The subscriber's number (SIP user name).</summary>
    public required string UserName { get; init; }

    /// <summary>Authentication user name if different from <see cref="UserName"/>.</summary>
    public string? AuthUserName { get; init; }

    /// <summary>SIP password of the VoIP subscriber. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>Display name shown to called parties. Default none.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Signalling transport. Default UDP.</summary>
    public SipTransportKind Transport { get; init; } = SipTransportKind.Udp;

    /// <summary>Local address to bind. Default any.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    /// <summary>Local SIP port. Default 0 (any free port), so the softphone can run beside a desk phone or another softphone.</summary>
    public int LocalSipPort { get; init; }

    /// <summary>Public address for Contact and SDP when behind NAT with port forwarding. Default none.</summary>
    public string? PublicAddress { get; init; }

    /// <summary>Lowest local RTP port. Default 10000.</summary>
    public int RtpPortMin { get; init; } = 10000;

    /// <summary>Highest local RTP port. Default 20000.</summary>
    public int RtpPortMax { get; init; } = 20000;

    /// <summary>Register on start (needed to receive calls). Default true.</summary>
    public bool Register { get; init; } = true;

    /// <summary>Registration lifetime asked for, seconds. Default 300.</summary>
    public int RegisterExpires { get; init; } = 300;

    /// <summary>Most simultaneous calls. Default 8.</summary>
    public int MaxCalls { get; init; } = 8;

    /// <summary>
    /// Options for the subscriber a connected <see cref="Client.CtiClient"/> is logged in as (registrar = CTI host:5060,
    /// user = extension, display name = subscriber name, RTP ports by PBX type); see <see cref="Cti.CtiSoftphone.CreateOptions(Client.CtiClient, string?)"/>.
    /// </summary>
    /// <param name="client">A connected client.</param>
    /// <param name="sipPassword">The SIP password, or <see langword="null"/> to use the CTI password (modeled).</param>
    /// <exception cref="Cti.VoipNotEnabledException">The subscriber has no VoIP.</exception>
    public static SoftphoneOptions FromCtiClient(Client.CtiClient client, string? sipPassword = null) => Cti.CtiSoftphone.CreateOptions(client, sipPassword);

    /// <summary>The SIP account these options describe.</summary>
    public SipAccount ToAccount() => new()
    {
        Registrar = RegistrarHost,
        Port = RegistrarPort,
        UserName = UserName,
        AuthUserName = AuthUserName,
        Password = Password,
        DisplayName = DisplayName,
        Transport = Transport,
        RegisterExpires = RegisterExpires,
    };

    /// <summary>The user agent options these options describe.</summary>
    public SipUserAgentOptions ToAgentOptions() => new()
    {
        LocalAddress = LocalAddress,
        SipPort = LocalSipPort,
        EnableTcp = Transport == SipTransportKind.Tcp,
        PublicAddress = PublicAddress,
        RtpPortMin = RtpPortMin,
        RtpPortMax = RtpPortMax,
        MaxCalls = MaxCalls,
    };

    /// <inheritdoc />
    public override string ToString() => $"SoftphoneOptions {{ sip:{UserName}@{RegistrarHost}:{RegistrarPort} via {Transport}, Password = {(Password is null ? "none" : "***")}, local {LocalAddress}:{LocalSipPort}, RTP {RtpPortMin}-{RtpPortMax}, public {PublicAddress ?? "-"} }}";
}
