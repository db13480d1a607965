using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// Everything a <see cref="CtiClient"/> needs to reach and log in to a PBX. Immutable: derive variants with
/// <c>with</c>. Every default is the value MessengerCTI itself uses or a safe choice for a long-lived service.
/// </summary>
/// <remarks>The password never appears in <see cref="ToString"/>, logs or exception messages.</remarks>
public sealed record CtiClientOptions
{
    /// <summary>The plain XCTIP port, 5529.</summary>
    public const int DefaultPort = 5529;

    /// <summary>The XCTIP port with the PBX's encryption option, 5543.</summary>
    public const int DefaultTlsPort = 5543;

    /// <summary>The PBX host name or IP address. Required.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The plain XCTIP port. Default 5529.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Whether to connect with TLS to <see cref="TlsPort"/> (the PBX's "XML Protocol Encryption" option). Default
    /// <see langword="false"/>, as most PBXes run plain 5529 on the LAN.
    /// </summary>
    public bool UseTls { get; init; }

    /// <summary>The TLS port. Default 5543.</summary>
    public int TlsPort { get; init; } = DefaultTlsPort;

    /// <summary>
    /// The server name checked against the certificate; <see langword="null"/> uses <see cref="Host"/>.
    /// </summary>
    public string? TlsTargetHost { get; init; }

    /// <summary>
    /// The SHA-256 thumbprint (hex, separators ignored) of a PBX certificate to trust even if it is self-signed (the
    /// manual's "Self-signed certificate" option done safely). With a pin, only that exact certificate is accepted.
    /// </summary>
    public string? PinnedThumbprintSha256 { get; init; }

    /// <summary>
    /// Accept any server certificate. Default <see langword="false"/>. Logged as a warning on every connect:
    /// prefer <see cref="PinnedThumbprintSha256"/>, which is as convenient and still detects an impostor.
    /// </summary>
    public bool AllowInsecureTls { get; init; }

    /// <summary>The extension number to log in as (MakeLog <c>Login</c>), e.g. <c>201</c>. Required.</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>The subscriber's CTI password (MakeLog <c>Pass</c>). Never logged.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>How long a TCP/TLS connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for its reply before <see cref="CtiRequestTimeoutException"/>. Default 10 s (as MessengerCTI's predecessors wait).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After this much silence from the PBX the client sends <c>Stream/WDTest</c>. Default 20 s (sessions survive at least 60 s idle).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long to wait for <c>WDOk</c> (or any frame) after a <c>WDTest</c> before the connection is declared
    /// half-open and dropped. Default 10 s.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a lost connection is re-established automatically. Default <see langword="true"/>.</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>The first reconnect delay; it doubles per failed attempt, with jitter. Default 500 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect attempts per outage before giving up; <see langword="null"/> (default) keeps trying.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>Capacity of each event subscription's buffer. Default 4096 events.</summary>
    public int EventChannelCapacity { get; init; } = 4096;

    /// <summary>What a full subscription buffer does with a new event. Default <see cref="EventOverflowMode.DropOldest"/>.</summary>
    public EventOverflowMode EventOverflowMode { get; init; } = EventOverflowMode.DropOldest;

    /// <summary>Capacity of the queue feeding C# event handlers. Default 65,536 invocations.</summary>
    public int HandlerQueueCapacity { get; init; } = 65_536;

    /// <summary>Rows per phone-book/history sync batch (<c>Sync_REQ/Limit</c>). Default 500.</summary>
    public int SyncBatchSize { get; init; } = 500;

    /// <summary>Whether the phone book is synchronised on connect and after reconnects. Default <see langword="true"/> (screen pop needs it).</summary>
    public bool SyncPhoneBook { get; init; } = true;

    /// <summary>Whether call and chat history are synchronised on connect and after reconnects. Default <see langword="true"/>.</summary>
    public bool SyncHistory { get; init; } = true;

    /// <summary>
    /// Presence to announce after login (MessengerCTI sends <c>AVAILABLE</c>). Default <see langword="null"/>: a
    /// service integration does not change the user's presence unless asked.
    /// </summary>
    public AppState? InitialAppState { get; init; }

    /// <summary>How numbers are compared for screen pop. Default: Poland, outside-line prefix <c>0</c>.</summary>
    public PhoneNumberOptions PhoneNumbers { get; init; } = PhoneNumberOptions.Default;

    /// <summary>The connection's character set. Default IBM852, the PBX default.</summary>
    public CtiEncoding Encoding { get; init; } = CtiEncoding.Ibm852;

    /// <summary>The largest XCTIP frame accepted. Default 1 MiB.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>The clock for timeouts, keepalive and backoff; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where logs go; <see langword="null"/> (default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The host and port the client connects to.</summary>
    public string EndPointDescription => $"{Host}:{(UseTls ? TlsPort : Port)}{(UseTls ? " (TLS)" : string.Empty)}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("CtiClientOptions.Host is required: the PBX's host name or IP address.", nameof(Host));
        if (string.IsNullOrWhiteSpace(User)) throw new ArgumentException("CtiClientOptions.User is required: the extension number to log in as, e.g. 201.", nameof(User));
        if (Password is null) throw new ArgumentException("CtiClientOptions.Password must not be null.", nameof(Password));
        if (Port is <= 0 or > 65535) throw new ArgumentException($"CtiClientOptions.Port {Port} is not a TCP port.", nameof(Port));
        if (TlsPort is <= 0 or > 65535) throw new ArgumentException($"CtiClientOptions.TlsPort {TlsPort} is not a TCP port.", nameof(TlsPort));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(KeepAliveInterval, nameof(KeepAliveInterval));
        Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        if (ReconnectInitialDelay < TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay)
            throw new ArgumentException("CtiClientOptions.ReconnectInitialDelay must be >= 0 and <= ReconnectMaxDelay.", nameof(ReconnectInitialDelay));
        if (MaxReconnectAttempts is < 0) throw new ArgumentException("CtiClientOptions.MaxReconnectAttempts must be >= 0.", nameof(MaxReconnectAttempts));
        if (EventChannelCapacity < 1) throw new ArgumentException("CtiClientOptions.EventChannelCapacity must be at least 1.", nameof(EventChannelCapacity));
        if (HandlerQueueCapacity < 1) throw new ArgumentException("CtiClientOptions.HandlerQueueCapacity must be at least 1.", nameof(HandlerQueueCapacity));
        if (SyncBatchSize < 1) throw new ArgumentException("CtiClientOptions.SyncBatchSize must be at least 1.", nameof(SyncBatchSize));
        if (PinnedThumbprintSha256 is not null && NormaliseThumbprint(PinnedThumbprintSha256).Length != 64)
            throw new ArgumentException("CtiClientOptions.PinnedThumbprintSha256 must be 64 hex digits (a SHA-256 certificate hash).", nameof(PinnedThumbprintSha256));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Encoding);
        ArgumentNullException.ThrowIfNull(PhoneNumbers);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"CtiClientOptions.{name} must be positive.", name);
    }

    internal static string NormaliseThumbprint(string thumbprint)
    {
        var builder = new StringBuilder(64);
        foreach (char c in thumbprint)
        {
            if (char.IsAsciiHexDigit(c)) builder.Append(char.ToUpperInvariant(c));
            else if (c is not (':' or ' ' or '-')) return string.Empty;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a configuration string: either <c>key=value</c> pairs separated by <c>;</c> or new lines
    /// (<c>Host=pbx.local;User=201;Password=1234;Tls=true;Pin=AB:CD…</c>), or a URI
    /// <c>xctip://201:1234@pbx.local:5529</c> / <c>xctips://…?pin=…</c> (what a QR code would carry). Keys are
    /// case-insensitive: Host, Port, Tls (UseTls), TlsPort, Pin (PinnedThumbprintSha256), Insecure (AllowInsecureTls),
    /// User (Login, Number), Password (Pass), Encoding. Unknown keys are rejected so typos do not pass silently.
    /// </summary>
    /// <param name="configuration">The string.</param>
    /// <param name="baseOptions">Options to start from (logging, time provider); <see langword="null"/> for defaults.</param>
    /// <exception cref="FormatException">A key is unknown or a value is invalid; the message names it (never the password).</exception>
    public static CtiClientOptions Parse(string configuration, CtiClientOptions? baseOptions = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = baseOptions ?? new CtiClientOptions();
        string text = configuration.Trim();
        if (text.StartsWith("xctip://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("xctips://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUri(text, options);
        }

        int index = 0;
        foreach (string rawPart in text.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            index++;
            if (rawPart.StartsWith('#')) continue;
            int eq = rawPart.IndexOf('=', StringComparison.Ordinal);
            // The entry itself is not echoed: it may be a piece of a password.
            if (eq <= 0) throw new FormatException($"Configuration entry #{index} is not key=value (a password may not contain ';' or '~').");
            options = Apply(options, rawPart[..eq].Trim(), rawPart[(eq + 1)..].Trim());
        }

        return options;
    }

    /// <summary>Reads <see cref="Parse"/>'s format from a file (the manual's "From file" login).</summary>
    public static async Task<CtiClientOptions> LoadAsync(string path, CtiClientOptions? baseOptions = null, CancellationToken cancellationToken = default)
    {
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, baseOptions);
    }

    private static CtiClientOptions ParseUri(string text, CtiClientOptions options)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException("The configuration URI is not of the form xctip://user:password@host:port.");
        bool tls = uri.Scheme.Equals("xctips", StringComparison.OrdinalIgnoreCase);
        options = options with { Host = uri.Host, UseTls = tls };
        if (!uri.IsDefaultPort && uri.Port > 0) options = tls ? options with { TlsPort = uri.Port } : options with { Port = uri.Port };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            options = options with { User = Uri.UnescapeDataString(parts[0]) };
            if (parts.Length == 2) options = options with { Password = Uri.UnescapeDataString(parts[1]) };
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "true" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            options = Apply(options, key, value);
        }

        return options;
    }

    private static CtiClientOptions Apply(CtiClientOptions options, string key, string value)
    {
        switch (key.ToUpperInvariant())
        {
            case "HOST" or "SERVER": return options with { Host = value };
            case "PORT": return options with { Port = ParseInt(key, value) };
            case "TLSPORT": return options with { TlsPort = ParseInt(key, value) };
            case "TLS" or "USETLS" or "ENCRYPTION": return options with { UseTls = ParseBool(key, value) };
            case "PIN" or "PINNEDTHUMBPRINTSHA256" or "THUMBPRINT": return options with { PinnedThumbprintSha256 = value };
            case "INSECURE" or "ALLOWINSECURETLS": return options with { AllowInsecureTls = ParseBool(key, value) };
            case "USER" or "LOGIN" or "NUMBER" or "EXTENSION": return options with { User = value };
            case "PASSWORD" or "PASS": return options with { Password = value };
            case "ENCODING" or "CODEPAGE":
                return CtiEncoding.TryGetByName(value, out var encoding)
                    ? options with { Encoding = encoding }
                    : throw new FormatException($"Configuration key '{key}': encoding '{value}' is not supported (IBM852, UTF-8, windows-1250/1251/1252).");
            default: throw new FormatException($"Configuration key '{key}' is unknown. Known keys: Host, Port, Tls, TlsPort, Pin, Insecure, User, Password, Encoding.");
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 65535
            ? n
            : throw new FormatException($"Configuration key '{key}': '{value}' is not a port number.");

    private static bool ParseBool(string key, string value) => value.ToUpperInvariant() switch
    {
        "1" or "TRUE" or "YES" or "ON" => true,
        "0" or "FALSE" or "NO" or "OFF" or "" => false,
        _ => throw new FormatException($"Configuration key '{key}': '{value}' is not true/false."),
    };

    /// <summary>Describes the options without the password.</summary>
    public override string ToString() =>
        $"CtiClientOptions {{ Host = {Host}, Port = {Port}, UseTls = {UseTls}, TlsPort = {TlsPort}, User = {User}, Password = ***, Pinned = {PinnedThumbprintSha256 is not null}, AllowInsecureTls = {AllowInsecureTls}, Encoding = {Encoding.Name} }}";
}

/// <summary>What a full event-subscription buffer does with a new event. The socket reader never waits for a consumer.</summary>
public enum EventOverflowMode
{
    /// <summary>Drop the oldest buffered event to make room (a slow dashboard sees the latest state). Default.</summary>
    DropOldest,

    /// <summary>Drop the new event (a consumer sees an unbroken prefix of the stream).</summary>
    DropNewest,
}
