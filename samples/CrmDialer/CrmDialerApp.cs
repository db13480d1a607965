using Slican.Cti.Samples;

namespace CrmDialer;

/// <summary>Entry point of the CrmDialer sample: parses the options and runs the XCTIP or the CTIP dialer.</summary>
public static class CrmDialerApp
{
    private const string Usage = """
        Usage: dotnet run --project samples/CrmDialer [-- options]
          --protocol xctip|ctip    XCTIP (default; phone book, history, call control) or the CTIP text protocol;
                                   with ctip, --password is the extension's 4-digit CTIP key and --port defaults to 5524
          --quick-transfer NUMBER  where `transfer` sends the current call (emulator default: 203)
        """;

    /// <summary>The number the demo's quick transfer goes to when <c>--quick-transfer</c> is not given.</summary>
    internal const string DemoQuickTransfer = "203";

    /// <summary>Runs the sample; returns the process exit code (0 ok, 64 usage, 2 login failed, 1 other SDK error).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryParse(args, out var arguments, out var settings, out string? error))
        {
            await output.WriteLineAsync(error + Environment.NewLine + Usage + Environment.NewLine + SampleSession.CommonUsage);
            return SampleConsole.Usage;
        }

        return await SampleConsole.RunAsync(() => settings.Protocol == DialerProtocol.Ctip
            ? CtipDialer.RunAsync(arguments, settings.QuickTransfer, input, output, cancellationToken)
            : XctipDialer.RunAsync(arguments, settings.QuickTransfer, input, output, cancellationToken), output, cancellationToken);
    }

    private enum DialerProtocol
    {
        Xctip,
        Ctip,
    }

    private sealed record Settings(DialerProtocol Protocol, string? QuickTransfer);

    private static bool TryParse(string[] args, out SampleArguments arguments, out Settings settings, out string? error)
    {
        settings = new Settings(DialerProtocol.Xctip, null);
        if (!SampleArguments.TryParse(args, out arguments, out error))
        {
            error = string.IsNullOrEmpty(error) ? "CrmDialer: screen pop, click-to-dial and quick transfer." : error;
            return false;
        }

        var protocol = DialerProtocol.Xctip;
        string? quickTransfer = null;
        var rest = arguments.Rest;
        for (int i = 0; i < rest.Count; i++)
        {
            string? Value() => i + 1 < rest.Count ? rest[++i] : null;
            switch (rest[i])
            {
                case "--protocol":
                    switch (Value())
                    {
                        case "xctip": protocol = DialerProtocol.Xctip; break;
                        case "ctip": protocol = DialerProtocol.Ctip; break;
                        default: error = "--protocol is xctip or ctip."; return false;
                    }

                    break;
                case "--quick-transfer":
                    quickTransfer = Value();
                    if (string.IsNullOrWhiteSpace(quickTransfer))
                    {
                        error = "--quick-transfer needs a number.";
                        return false;
                    }

                    break;
                default:
                    error = $"Unknown option '{rest[i]}'.";
                    return false;
            }
        }

        if (protocol == DialerProtocol.Ctip && arguments.Options.UseTls)
        {
            error = "CTIP has no TLS; use --protocol xctip for an encrypted connection.";
            return false;
        }

        settings = new Settings(protocol, quickTransfer);
        return true;
    }
}
