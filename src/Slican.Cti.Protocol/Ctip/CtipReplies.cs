using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>The PBX identity from the WHO reply, e.g. <c>OK IPL-0256 NO00025 v6.55.0410/15 2026.11.20 10:13'33</c>.</summary>
/// <param name="Model">Model and size, e.g. <c>IPL-0256</c>, <c>NCP-000</c>.</param>
/// <param name="SerialNumber">Serial number, e.g. <c>NO00025</c>.</param>
/// <param name="Firmware">Firmware version without the <c>v</c>, e.g. <c>6.55.0410</c>.</param>
/// <param name="ProtocolVersion">CTIP protocol major version, e.g. 15.</param>
/// <param name="PbxTime">The PBX clock (local time, <see cref="DateTimeKind.Unspecified"/>).</param>
/// <param name="IsSummerTime">Whether the PBX reports summer time (<c>'</c> before the seconds) rather than winter time (<c>,</c>).</param>
public sealed record CtipWhoReply(string Model, string SerialNumber, string Firmware, int ProtocolVersion, DateTime PbxTime, bool IsSummerTime)
{
    internal static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CtipWhoReply? reply)
    {
        reply = null;
        if (args.Count != 5)
        {
            return false;
        }

        string version = args[2];
        int slash = version.IndexOf('/', StringComparison.Ordinal);
        if (version.Length < 4 || version[0] != 'v' || slash < 2
            || !int.TryParse(version.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int protocol))
        {
            return false;
        }

        string time = args[4];
        if (time.Length != 8 || time[5] is not ('\'' or ','))
        {
            return false;
        }

        string stamp = args[3] + " " + time[..5] + ":" + time[6..];
        if (!DateTime.TryParseExact(stamp, "yyyy.MM.dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime when))
        {
            return false;
        }

        reply = new CtipWhoReply(args[0], args[1], version[1..slash], protocol, when, time[5] == '\'');
        return true;
    }
}

/// <summary>
/// The login reply: <c>OK IPL 6.22 12 1</c> (extension LOGI), <c>OK IPL 6.55 15</c> (LOGA) or
/// <c>OK IPL 6.22p 12 600123456</c> (GSM LOGI).
/// </summary>
/// <param name="PbxType">PBX family, e.g. <c>IPL</c> or <c>NCP</c>.</param>
/// <param name="SoftwareVersion">Software version as sent, e.g. <c>6.22</c> or <c>6.22p</c>.</param>
/// <param name="ProtocolVersion">CTIP protocol major version.</param>
/// <param name="PhoneType">The phone type (extension LOGI only), otherwise <see langword="null"/>.</param>
/// <param name="Msisdn">The SIM's own number (GSM LOGI only), otherwise <see langword="null"/>.</param>
public sealed record CtipLoginReply(string PbxType, string SoftwareVersion, int ProtocolVersion, CtipPhoneType? PhoneType, string? Msisdn)
{
    internal static bool TryParse(IReadOnlyList<string> args, bool gsm, [NotNullWhen(true)] out CtipLoginReply? reply)
    {
        reply = null;
        if (args.Count < 3 || args.Count > 4 || (gsm && args.Count != 4)
            || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int protocol))
        {
            return false;
        }

        CtipPhoneType? phone = null;
        string? msisdn = null;
        if (args.Count == 4)
        {
            if (gsm)
            {
                msisdn = args[3];
            }
            else if (int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out int type))
            {
                phone = (CtipPhoneType)type;
            }
            else
            {
                return false;
            }
        }

        reply = new CtipLoginReply(args[0], args[1], protocol, phone, msisdn);
        return true;
    }
}
