using System.Net;
using Microsoft.Extensions.Logging;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Sip.Transport;

/// <summary>
/// Base of the UDP and TCP transports: sends serialized messages and hands parsed ones to
/// <see cref="Received"/>. Malformed input is logged and dropped (it never stops the receive loop).
/// </summary>
public abstract class SipTransport : IAsyncDisposable
{
    /// <summary>Creates the transport.</summary>
    protected SipTransport(SipParserLimits limits, ILogger logger)
    {
        Limits = limits;
        Logger = logger;
    }

    /// <summary>Parser limits applied to everything received.</summary>
    protected SipParserLimits Limits { get; }

    /// <summary>Logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Transport kind.</summary>
    public abstract SipTransportKind Kind { get; }

    /// <summary>The bound local address and port.</summary>
    public abstract IPEndPoint LocalEndPoint { get; }

    /// <summary>Called for every well-formed message; set once by the owner before <see cref="Start"/>.</summary>
    public Func<SipInbound, ValueTask>? Received { get; set; }

    /// <summary>Number of messages dropped as malformed or oversize.</summary>
    public long MalformedCount => Interlocked.Read(ref _malformed);

    private long _malformed;

    /// <summary>Starts the receive loop(s).</summary>
    public abstract void Start();

    /// <summary>Sends one message.</summary>
    public abstract ValueTask SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken);

    /// <summary>Parses and dispatches received bytes.</summary>
    protected async ValueTask DeliverAsync(ReadOnlyMemory<byte> data, IPEndPoint source)
    {
        SipMessage message;
        try
        {
            message = SipMessageParser.Parse(data.Span, Limits);
        }
        catch (SipParseException ex)
        {
            Interlocked.Increment(ref _malformed);
            VoipLog.MalformedSip(Logger, source, ex.Message);
            return;
        }

        if (message is SipRequest)
        {
            StampVia(message, source);
        }

        if (Logger.IsEnabled(LogLevel.Debug))
        {
            VoipLog.SipReceived(Logger, source, message.ToString(), message.CallId);
        }

        if (Received is { } handler)
        {
            try
            {
                await handler(new SipInbound(message, new SipEndPoint(Kind, source), LocalEndPoint)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a failing handler must not kill the receive loop; it is logged
            catch (Exception ex)
#pragma warning restore CA1031
            {
                VoipLog.HandlerFailed(Logger, ex, message.ToString(), source);
            }
        }
    }

    /// <summary>RFC 3261 §18.2.1 and RFC 3581: record where the request really came from in the top Via.</summary>
    private static void StampVia(SipMessage message, IPEndPoint source)
    {
        int index = message.Headers.FindIndex(h => h.Name.Equals(SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase));
        var values = SipText.SplitList(message.Headers[index].Value);
        var via = SipVia.Parse(values[0]);
        string ip = source.Address.ToString();
        bool changed = false;
        if (via.Host != ip)
        {
            via.SetParameter("received", ip);
            changed = true;
        }

        if (via.RPort == -1)
        {
            via.SetParameter("received", ip);
            via.SetParameter("rport", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            changed = true;
        }

        if (changed)
        {
            values[0] = via.ToString();
            message.Headers[index] = new SipHeader(SipHeaderNames.Via, string.Join(", ", values));
        }
    }

    /// <summary>Logs an outgoing message at debug level.</summary>
    protected void LogSend(SipMessage message, IPEndPoint destination)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            VoipLog.SipSent(Logger, destination, message.ToString(), message.CallId);
        }
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
