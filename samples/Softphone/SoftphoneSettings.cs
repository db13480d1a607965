using System.Globalization;
using Slican.Cti.Samples;

namespace Softphone;

/// <summary>What the softphone sample was asked to do: the connection (CTI login, SIP-only or demo) and the call.</summary>
internal sealed record SoftphoneSettings
{
    public const string Usage = """
        Usage: dotnet run --project samples/Softphone [-- options]
          (no options)             demo: log in to the built-in PBX emulator as 201, start the softphone from
                                   that login and call a second user agent on 127.0.0.1 that answers with a tone
          --host HOST              take the SIP account from a CTI login to a real PBX (--user/--password = CTI login)
          --registrar HOST[:PORT]  or SIP only, without CTI: the PBX's SIP address (--user/--password = SIP account)
          --sip-password P         with --host: the SIP password when it differs from the CTI password
          --target NUMBER          number or SIP URI to call (required with --host or --registrar)
          --play FILE              WAV to play (8 kHz mono 16-bit PCM); default a 3 s 1 kHz tone
          --record FILE            WAV to record the other side into (default recorded.wav)
          --dtmf DIGITS            DTMF digits to send once answered, e.g. 123#
        While the call is up, type digits (DTMF), h (hold), r (resume) or q (hang up); the call also ends when the
        audio has been played or the far end hangs up.
        Connection options (CTI):
        """ + SampleSession.CommonUsage;

    /// <summary>The parsed CTI connection options (used for the demo and with --host).</summary>
    public required SampleArguments Connection { get; init; }

    /// <summary>SIP-only mode: the registrar host, or null to take the account from a CTI login (or the demo).</summary>
    public string? Registrar { get; init; }

    /// <summary>The registrar's SIP port (5060 unless --registrar HOST:PORT).</summary>
    public int RegistrarPort { get; init; } = 5060;

    public string? SipPassword { get; init; }

    public string? Target { get; init; }

    public string? Play { get; init; }

    public string Record { get; init; } = "recorded.wav";

    public string? Dtmf { get; init; }

    /// <summary>Neither --host nor --registrar: both ends run in this process.</summary>
    public bool IsDemo => Connection.Host is null && Registrar is null;

    public static bool TryParse(string[] args, out SoftphoneSettings settings, out string? error)
    {
        settings = null!;
        if (!SampleArguments.TryParse(args, out var connection, out error))
        {
            return false;
        }

        string? registrar = null, sipPassword = null, target = null, play = null, record = null, dtmf = null;
        int registrarPort = 5060;
        var rest = connection.Rest;
        for (int i = 0; i < rest.Count; i++)
        {
            string arg = rest[i];
            string? Value() => i + 1 < rest.Count ? rest[++i] : null;
            switch (arg)
            {
                case "--registrar":
                    registrar = Value();
                    int colon = registrar?.LastIndexOf(':') ?? -1;
                    if (registrar is not null && colon > 0)
                    {
                        if (!int.TryParse(registrar.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out registrarPort) || registrarPort is 0 or > 65535)
                        {
                            error = "--registrar HOST:PORT needs a port between 1 and 65535.";
                            return false;
                        }

                        registrar = registrar[..colon];
                    }

                    break;
                case "--sip-password": sipPassword = Value(); break;
                case "--target": target = Value(); break;
                case "--play": play = Value(); break;
                case "--record": record = Value(); break;
                case "--dtmf": dtmf = Value(); break;
                default: error = $"Unknown option '{arg}'."; return false;
            }
        }

        if (registrar is not null && connection.Host is not null)
        {
            error = "Use either --host (account from the CTI login) or --registrar (SIP only), not both.";
            return false;
        }

        if (registrar is not null && string.IsNullOrEmpty(connection.Options.User))
        {
            error = "--registrar needs --user (the SIP account; --password or SLICAN_SIP_PASSWORD for its password).";
            return false;
        }

        if ((registrar is not null || connection.Host is not null) && string.IsNullOrWhiteSpace(target))
        {
            error = "--target is required with --host or --registrar: the number to call.";
            return false;
        }

        if (dtmf is not null && dtmf.Any(d => !IsDtmfDigit(d)))
        {
            error = "--dtmf takes the digits 0-9, *, # and A-D.";
            return false;
        }

        settings = new SoftphoneSettings
        {
            Connection = connection,
            Registrar = registrar,
            RegistrarPort = registrarPort,
            SipPassword = sipPassword,
            Target = target,
            Play = play,
            Record = record ?? "recorded.wav",
            Dtmf = dtmf,
        };
        return true;
    }

    public static bool IsDtmfDigit(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D');
}
