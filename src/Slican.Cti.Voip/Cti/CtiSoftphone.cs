using Microsoft.Extensions.Logging;
using Slican.Cti.Client;

namespace Slican.Cti.Voip.Cti;

/// <summary>
/// Starts a <see cref="Softphone"/> for the subscriber a <see cref="CtiClient"/> is logged in as, the way
/// MessengerCTI does: the SIP account comes from the CTI login, so the user types nothing twice.
/// </summary>
public static class CtiSoftphone
{
    /// <summary>RTP ports NCP PBXes expect (manual: "10000 - 20000 UDP - acoustics - for NCP PBX").</summary>
    public static readonly (int Min, int Max) NcpRtpPorts = (10000, 20000);

    /// <summary>RTP ports IPx, MAC and CCT PBXes expect (manual: "8100 - 8300 UDP - acoustics - for IPx, CCT, MAC PBX").</summary>
    public static readonly (int Min, int Max) IpxRtpPorts = (8100, 8300);

    /// <summary>
    /// Softphone options for the logged-in subscriber of <paramref name="client"/>: registrar = the CTI host on port
    /// 5060, user = <see cref="CtiLogInfo.Number"/>, display name = <see cref="CtiLogInfo.Name"/>, RTP ports by
    /// <see cref="CtiLogInfo.PbxType"/>. Adjust the result with <c>with { … }</c> (e.g. NAT, TCP).
    /// </summary>
    /// <param name="client">A connected client (its <see cref="CtiClient.LogInfo"/> must be known).</param>
    /// <param name="sipPassword">
    /// The subscriber's SIP password. When <see langword="null"/> the CTI password is used: this assumes the PBX
    /// accepts the CTI password for the subscriber's VoIP account (modeled, as MessengerCTI asks for one password);
    /// pass the SIP password when the PBX has a separate one.
    /// </param>
    /// <exception cref="InvalidOperationException">The client has not logged in yet.</exception>
    /// <exception cref="VoipNotEnabledException">The subscriber has no VoIP (<see cref="CtiLogInfo.HasVoip"/> is false).</exception>
    public static SoftphoneOptions CreateOptions(CtiClient client, string? sipPassword = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var info = client.LogInfo
            ?? throw new InvalidOperationException($"The CTI client has not logged in to {client.Options.EndPointDescription} yet: await ConnectAsync before starting a softphone.");
        return CreateOptions(info, client.Options.Host, sipPassword ?? client.Options.Password);
    }

    /// <summary>
    /// Softphone options from CTI login data (see <see cref="CreateOptions(CtiClient, string?)"/>), for callers that
    /// keep the login data themselves.
    /// </summary>
    /// <exception cref="VoipNotEnabledException">The subscriber has no VoIP.</exception>
    public static SoftphoneOptions CreateOptions(CtiLogInfo logInfo, string pbxHost, string? sipPassword)
    {
        ArgumentNullException.ThrowIfNull(logInfo);
        ArgumentException.ThrowIfNullOrWhiteSpace(pbxHost);
        if (!logInfo.HasVoip)
        {
            throw new VoipNotEnabledException(logInfo.Number);
        }

        var (min, max) = RtpPortsFor(logInfo.PbxType);
        return new SoftphoneOptions
        {
            RegistrarHost = pbxHost,
            RegistrarPort = 5060,
            UserName = logInfo.Number,
            DisplayName = string.IsNullOrWhiteSpace(logInfo.Name) ? null : logInfo.Name,
            Password = string.IsNullOrEmpty(sipPassword) ? null : sipPassword,
            RtpPortMin = min,
            RtpPortMax = max,
        };
    }

    /// <summary>
    /// The RTP port range a PBX family expects: NCP 10000–20000; IPx (IPS, IPM, IPL, IPU), MAC and CCT 8100–8300.
    /// Unknown or missing types get the NCP range, the softphone default.
    /// </summary>
    public static (int Min, int Max) RtpPortsFor(string? pbxType)
    {
        string type = pbxType?.Trim() ?? string.Empty;
        bool ipx = type.StartsWith("IP", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("MAC", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("CCT", StringComparison.OrdinalIgnoreCase);
        return ipx ? IpxRtpPorts : NcpRtpPorts;
    }

    /// <summary>
    /// Starts (and by default registers) a softphone for the subscriber <paramref name="client"/> is logged in as.
    /// </summary>
    /// <param name="client">A connected client.</param>
    /// <param name="sipPassword">The SIP password, or <see langword="null"/> for the CTI password (see <see cref="CreateOptions(CtiClient, string?)"/>).</param>
    /// <param name="configure">Changes to the derived options (local address, NAT, transport), or <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logging, or <see langword="null"/>.</param>
    /// <param name="timeProvider">Time source, or <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="VoipNotEnabledException">The subscriber has no VoIP.</exception>
    public static Task<Softphone> StartSoftphoneAsync(
        this CtiClient client,
        string? sipPassword = null,
        Func<SoftphoneOptions, SoftphoneOptions>? configure = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var options = CreateOptions(client, sipPassword);
        if (configure is not null)
        {
            options = configure(options);
        }

        return Softphone.StartAsync(options, loggerFactory, timeProvider, cancellationToken);
    }
}
