using System.CommandLine;
using System.Security.Cryptography;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Cli;

/// <summary>
/// The connection options shared by <c>watch</c>, <c>dial</c> and <c>chat</c>, and the one place that turns them into
/// a logged-in <see cref="CtiClient"/> (optionally against an in-process emulator) or an exit code that says why not.
/// </summary>
internal sealed class ClientConnectionOptions
{
    /// <summary>The environment variable read when <c>--password</c> is not given; it stays out of shell history and <c>ps</c>.</summary>
    public const string PasswordVariable = "SLICAN_CTI_PASSWORD";

    public Option<string?> Host { get; } = new("--host", "-H") { HelpName = "HOST", Description = "PBX address (host name or IP)." };
    public Option<int?> Port { get; } = new("--port") { HelpName = "PORT", Description = "XCTIP port: 5529 plain, 5543 with --tls." };
    public Option<string?> User { get; } = new("--user", "-u") { HelpName = "EXTENSION", Description = "Your extension number (the CTI login)." };
    public Option<string?> Password { get; } = new("--password") { HelpName = "PASSWORD", Description = $"The extension's CTI password. Prefer the {PasswordVariable} environment variable, which stays out of shell history. Never printed." };
    public Option<bool> Tls { get; } = new("--tls") { Description = "Use XCTIP over TLS (the PBX's \"XML Protocol Encryption\"; port 5543)." };
    public Option<string?> Pin { get; } = new("--pin") { HelpName = "THUMBPRINT", Description = "Accept exactly this TLS certificate: its SHA-256 thumbprint in hex (':' and spaces ignored)." };
    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Accept any TLS certificate (testing only)." };
    public Option<string?> Config { get; } = new("--config", "-c") { HelpName = "FILE|STRING", Description = "A connection file, or a string such as \"Host=pbx;User=201;Tls=true\" or \"xctip://201@pbx\"; options given on the command line win." };
    public Option<bool> Emulator { get; } = new("--emulator") { Description = "Run against an in-process PBX emulator (logs in as 201 / 1234 unless --user/--password say otherwise); no PBX needed." };

    public IEnumerable<Option> All => [Host, Port, User, Password, Tls, Pin, Insecure, Config, Emulator];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }
}

/// <summary>A logged-in client and, with <c>--emulator</c>, the emulator it talks to; disposing closes both.</summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private ClientConnection(CtiClient client, PbxEmulator? emulator)
    {
        Client = client;
        Emulator = emulator;
    }

    public CtiClient Client { get; }

    /// <summary>The in-process emulator with <c>--emulator</c>, otherwise <see langword="null"/>.</summary>
    public PbxEmulator? Emulator { get; }

    /// <summary>
    /// Builds the options, starts the emulator when asked, connects and logs in. Returns the connection, or
    /// <see langword="null"/> and an exit code after saying on stderr what to check.
    /// </summary>
    public static async Task<(ClientConnection? Connection, int Exit)> OpenAsync(ParseResult result, ClientConnectionOptions o, CancellationToken cancellationToken)
    {
        CtiClientOptions options;
        try
        {
            options = result.GetValue(o.Config) is { } config
                ? File.Exists(config) ? await CtiClientOptions.LoadAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false) : CtiClientOptions.Parse(config)
                : new CtiClientOptions();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return (null, await Fail(ExitCodes.Usage, "bad --config: " + ex.Message).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, await Fail(CommonOptions.ExitNoInput, "cannot read --config: " + ex.Message).ConfigureAwait(false));
        }

        bool emulate = result.GetValue(o.Emulator);
        options = options with
        {
            Host = result.GetValue(o.Host) ?? options.Host,
            User = result.GetValue(o.User) ?? options.User,
            Password = result.GetValue(o.Password) ?? (Environment.GetEnvironmentVariable(ClientConnectionOptions.PasswordVariable) is { Length: > 0 } fromEnv ? fromEnv : options.Password),
            UseTls = result.GetValue(o.Tls) || options.UseTls,
            PinnedThumbprintSha256 = result.GetValue(o.Pin) ?? options.PinnedThumbprintSha256,
            AllowInsecureTls = result.GetValue(o.Insecure) || options.AllowInsecureTls,
            AutoReconnect = true,
        };
        if (result.GetValue(o.Port) is int port)
        {
            options = options.UseTls ? options with { TlsPort = port } : options with { Port = port };
        }

        PbxEmulator? emulator = null;
        if (emulate)
        {
            emulator = await PbxEmulator.StartAsync(new PbxEmulatorOptions { XctipPort = 0, XctipTlsPort = options.UseTls ? 0 : null }, cancellationToken).ConfigureAwait(false);
            options = options with
            {
                Host = "127.0.0.1",
                Port = emulator.XctipEndPoint.Port,
                TlsPort = emulator.XctipTlsEndPoint?.Port ?? options.TlsPort,
                PinnedThumbprintSha256 = options.UseTls && !options.AllowInsecureTls && options.PinnedThumbprintSha256 is null
                    ? Convert.ToHexString(SHA256.HashData(emulator.TlsCertificate!.RawData))
                    : options.PinnedThumbprintSha256,
                User = options.User.Length == 0 ? "201" : options.User,
                Password = options.Password.Length == 0 ? "1234" : options.Password,
            };
        }

        try
        {
            if (options.Host.Length == 0 || options.User.Length == 0)
            {
                return (null, await Fail(ExitCodes.Usage, "say which PBX and extension: --host and --user (or --config), or --emulator to try it without a PBX.").ConfigureAwait(false));
            }

            if (options.Password.Length == 0)
            {
                return (null, await Fail(ExitCodes.Usage, $"no password: set {ClientConnectionOptions.PasswordVariable} or pass --password.").ConfigureAwait(false));
            }

            await Progress($"connecting to {options.EndPointDescription} as {options.User}{(emulate ? " (in-process emulator)" : "")}…").ConfigureAwait(false);
            CtiClient client;
            try
            {
                client = await CtiClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (CtiLoginException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken); // the caller's --timeout or Ctrl+C, not the PBX
            }
            catch (CtiLoginException ex)
            {
                return (null, await Fail(ExitCodes.ForLogin(ex.Failure), $"login failed ({ex.Failure}): {ex.Message}").ConfigureAwait(false));
            }
            catch (ArgumentException ex)
            {
                return (null, await Fail(ExitCodes.Usage, ex.Message).ConfigureAwait(false));
            }

            await Progress($"logged in as {client.LogInfo?.Number ?? options.User}{(client.LogInfo?.Name is { } name ? " (" + name + ")" : "")}").ConfigureAwait(false);
            var connection = new ClientConnection(client, emulator);
            emulator = null;
            return (connection, ExitCodes.Ok);
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes a progress line to stderr, so stdout stays clean for scripts.</summary>
    public static Task Progress(string text) => Console.Error.WriteLineAsync("slican-cti: " + text);

    /// <summary>Says on stderr what went wrong and returns <paramref name="exit"/>.</summary>
    public static async Task<int> Fail(int exit, string text)
    {
        await Console.Error.WriteLineAsync("slican-cti: " + text).ConfigureAwait(false);
        return exit;
    }

    /// <summary>Maps a failed request to an exit code and a stderr line.</summary>
    public static Task<int> Fail(CtiException ex) => ex switch
    {
        CtiRequestFailedException refused => Fail(ExitCodes.Refused, $"the PBX refused: {refused.Message}"),
        CtiRequestTimeoutException => Fail(ExitCodes.Timeout, ex.Message),
        CtiLoginException login => Fail(ExitCodes.ForLogin(login.Failure), $"login failed ({login.Failure}): {login.Message}"),
        _ => Fail(ExitCodes.Unavailable, ex.Message),
    };

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The exit codes of the PBX commands (sysexits-style, like <c>snapshot</c> and <c>decode</c>), for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The PBX refused the request (e.g. <c>Not permitted</c>), or the call ended without being answered; like <c>call</c>'s "call failed".</summary>
    public const int Refused = 2;

    public const int Usage = 64;
    public const int Unavailable = 69;
    public const int Timeout = 75;
    public const int Authentication = 77;

    /// <summary>Ctrl+C while waiting for something that had not happened yet.</summary>
    public const int Interrupted = 130;

    public static int ForLogin(CtiLoginFailure failure) => failure switch
    {
        CtiLoginFailure.ConnectionFailed or CtiLoginFailure.Other => Unavailable,
        _ => Authentication, // wrong credentials, no licence, no CTI access, untrusted certificate: retrying will not help
    };
}
