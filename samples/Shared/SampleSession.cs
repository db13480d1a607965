using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Samples;

/// <summary>
/// How every sample gets a logged-in client: against a real PBX when <c>--host</c> is given, otherwise against the
/// in-process PBX emulator, so each sample runs anywhere (and in CI). Copy <see cref="CtiClient.ConnectAsync(CtiClientOptions, CancellationToken)"/>
/// into your own code; the emulator branch exists only so the sample is runnable without a PBX.
/// </summary>
internal sealed class SampleSession : IAsyncDisposable
{
    /// <summary>The options every sample understands, for its usage text.</summary>
    public const string CommonUsage = """
          (no connection options)  run against the built-in PBX emulator, with a scripted demo
          --host HOST              a real PBX (then --user and --password are required)
          --port PORT              XCTIP port (default 5529, or 5543 with --tls)
          --user EXT --password P  the extension and its CTI password
          --tls [--pin SHA256]     TLS, optionally pinning the PBX certificate's SHA-256 thumbprint
        """;

    private SampleSession(CtiClient client, PbxEmulator? emulator)
    {
        Client = client;
        Emulator = emulator;
    }

    /// <summary>The logged-in client.</summary>
    public CtiClient Client { get; }

    /// <summary>The in-process emulator when no <c>--host</c> was given; samples use its Scenario to play a demo.</summary>
    public PbxEmulator? Emulator { get; }

    /// <summary>True when running against the emulator: the sample plays a scripted demo and exits by itself.</summary>
    public bool IsDemo => Emulator is not null;

    /// <summary>
    /// Starts the emulator if needed and logs in. Against the emulator, <paramref name="demoUser"/> (password 1234)
    /// is the account used; see docs/emulator.md for the default office.
    /// </summary>
    public static Task<SampleSession> StartAsync(SampleArguments arguments, TextWriter output, string demoUser = "201", CancellationToken cancellationToken = default) =>
        StartAsync(arguments, output, new PbxEmulatorOptions(), demoUser, null, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(SampleArguments, TextWriter, string, CancellationToken)"/>, with the emulator's options
    /// (its world, e.g. a doorphone camera pointed at a local RTSP server) when no <c>--host</c> is given, and
    /// <paramref name="beforeConnect"/> to subscribe to the client's streams before it logs in: whatever the PBX
    /// sends during the login (chat messages buffered while the user was offline) then reaches the subscription.
    /// </summary>
    public static async Task<SampleSession> StartAsync(SampleArguments arguments, TextWriter output, PbxEmulatorOptions emulatorOptions, string demoUser = "201", Action<CtiClient>? beforeConnect = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        PbxEmulator? emulator = null;
        var options = arguments.Options;
        try
        {
            if (arguments.Host is null)
            {
                emulator = await PbxEmulator.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
                options = options with { Host = "127.0.0.1", Port = emulator.XctipEndPoint.Port, User = demoUser, Password = "1234" };
                await output.WriteLineAsync($"Started the PBX emulator on {emulator.XctipEndPoint} (use --host for a real PBX).").ConfigureAwait(false);
            }

            var client = new CtiClient(options);
            try
            {
                beforeConnect?.Invoke(client);
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new SampleSession(client, emulator);
        }
        catch
        {
            if (emulator is not null) await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        if (Emulator is not null) await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The connection options every sample accepts, plus the sample's own options left over.</summary>
/// <param name="Options">Client options built from the connection arguments (Host still unset when <see cref="Host"/> is null).</param>
/// <param name="Host">The real PBX, or null for the emulator.</param>
/// <param name="Rest">Arguments this parser did not recognise, in order, for the sample to parse.</param>
internal sealed record SampleArguments(CtiClientOptions Options, string? Host, IReadOnlyList<string> Rest)
{
    /// <summary>
    /// <see cref="TryParse"/> for a sample without options of its own: anything left over is reported as unknown.
    /// </summary>
    public static bool TryParseOnlyCommon(string[] args, out SampleArguments arguments, [NotNullWhen(false)] out string? error)
    {
        if (!TryParse(args, out arguments, out error))
        {
            return false;
        }

        if (arguments.Rest.Count == 0)
        {
            return true;
        }

        error = $"Unknown option '{arguments.Rest[0]}'.";
        return false;
    }

    /// <summary>Parses the connection options; returns false with a message on bad input or <c>--help</c>.</summary>
    public static bool TryParse(string[] args, out SampleArguments arguments, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CtiClientOptions();
        var rest = new List<string>();
        string? host = null;
        int? port = null;
        error = null;
        arguments = new SampleArguments(options, null, rest);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--host": host = Value(); break;
                case "--port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is 0 or > 65535)
                    {
                        error = "--port needs a number between 1 and 65535.";
                        return false;
                    }

                    port = p;
                    break;
                case "--user": options = options with { User = Value() ?? string.Empty }; break;
                case "--password": options = options with { Password = Value() ?? string.Empty }; break;
                case "--tls": options = options with { UseTls = true }; break;
                case "--pin": options = options with { PinnedThumbprintSha256 = Value() }; break;
                case "-h" or "--help": error = string.Empty; return false;
                default: rest.Add(arg); break;
            }
        }

        if (host is not null)
        {
            options = options with { Host = host };
            if (port is int explicitPort) options = options.UseTls ? options with { TlsPort = explicitPort } : options with { Port = explicitPort };
            if (string.IsNullOrEmpty(options.User) || string.IsNullOrEmpty(options.Password))
            {
                error = "--host needs --user and --password.";
                return false;
            }
        }

        arguments = new SampleArguments(options, host, rest);
        return true;
    }
}
