using System.Collections.Concurrent;
using System.Net;
using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>
/// Owns the transports and the transaction tables: matches responses to client transactions and retransmitted
/// requests to server transactions, and hands everything new to the transaction user (the user agent).
/// </summary>
public sealed class SipTransactionLayer : ISipMessageSender, IAsyncDisposable
{
    private readonly Dictionary<SipTransportKind, SipTransport> _transports = new();
    private readonly ConcurrentDictionary<string, SipClientTransaction> _client = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> _server = new(StringComparer.Ordinal);

    /// <summary>Creates the layer over started transports.</summary>
    public SipTransactionLayer(IEnumerable<SipTransport> transports, SipTimerSettings timers, TimeProvider time)
    {
        Timers = timers;
        Time = time;
        foreach (var t in transports)
        {
            _transports[t.Kind] = t;
            t.Received = OnReceivedAsync;
        }
    }

    /// <summary>Timer values.</summary>
    public SipTimerSettings Timers { get; }

    /// <summary>Clock for all timers.</summary>
    public TimeProvider Time { get; }

    /// <summary>New requests (not retransmissions, not ACKs of non-2xx) with their server transaction (null for ACK).</summary>
    public Func<SipRequest, SipServerTransaction?, SipEndPoint, ValueTask>? RequestReceived { get; set; }

    /// <summary>Responses that match no client transaction (2xx retransmissions, forked 2xx).</summary>
    public Func<SipResponse, SipEndPoint, ValueTask>? StrayResponseReceived { get; set; }

    /// <summary>The transport of a kind, or throws a clear error when it was not enabled.</summary>
    public SipTransport GetTransport(SipTransportKind kind) =>
        _transports.TryGetValue(kind, out var t) ? t : throw new SipTransportException($"SIP transport {kind} is not enabled in the user agent options.");

    /// <summary>Messages dropped as malformed or oversize by all transports.</summary>
    public long MalformedCount => _transports.Values.Sum(t => t.MalformedCount);

    /// <summary>Number of live client transactions (for tests and diagnostics).</summary>
    public int ClientTransactionCount => _client.Count;

    /// <inheritdoc />
    public ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken) =>
        GetTransport(destination.Kind).SendAsync(message, destination.EndPoint, cancellationToken);

    /// <summary>Sends a request in a new client transaction and returns it (await <see cref="SipClientTransaction.FinalResponse"/>).</summary>
    public async ValueTask<SipClientTransaction> SendRequestAsync(SipRequest request, SipEndPoint destination, Action<SipResponse>? onProvisional, CancellationToken cancellationToken)
    {
        var tx = new SipClientTransaction(request, destination, this, Timers, Time, onProvisional);
        _client[tx.Key] = tx;
        tx.Terminated += t => _client.TryRemove(new KeyValuePair<string, SipClientTransaction>(t.Key, t));
        await tx.StartAsync(cancellationToken).ConfigureAwait(false);
        return tx;
    }

    /// <summary>Sends a message outside any transaction (ACK for 2xx, 2xx retransmissions).</summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken) => SendAsync(message, destination, cancellationToken);

    private async ValueTask OnReceivedAsync(SipInbound inbound)
    {
        if (inbound.Message is SipResponse response)
        {
            string key = SipClientTransaction.KeyOf(response.TopVia.Branch ?? string.Empty, response.CSeq.Method);
            if (_client.TryGetValue(key, out var tx))
            {
                tx.OnResponse(response);
                if (!(tx.IsInvite && response.IsSuccess && tx.FinalResponse.IsCompleted && tx.State == SipClientTransactionState.Accepted && tx.FinalResponse.Result != response))
                {
                    return;
                }
            }

            if (StrayResponseReceived is { } stray)
            {
                await stray(response, inbound.Source).ConfigureAwait(false);
            }

            return;
        }

        var request = (SipRequest)inbound.Message;
        string reqKey = SipClientTransaction.KeyOf(request.TopVia.Branch ?? string.Empty, request.Method);
        if (request.Method == "ACK")
        {
            if (_server.TryGetValue(reqKey, out var inviteTx) && inviteTx.State != SipServerTransactionState.Terminated)
            {
                inviteTx.OnAck();
                return;
            }

            if (RequestReceived is { } ackHandler)
            {
                await ackHandler(request, null, inbound.Source).ConfigureAwait(false); // ACK for a 2xx: goes to the dialog
            }

            return;
        }

        if (_server.TryGetValue(reqKey, out var existing))
        {
            existing.OnRetransmittedRequest();
            return;
        }

        var serverTx = new SipServerTransaction(request, inbound.Source, this, Timers, Time);
        if (!_server.TryAdd(serverTx.Key, serverTx))
        {
            return;
        }

        serverTx.Terminated += t => _server.TryRemove(new KeyValuePair<string, SipServerTransaction>(t.Key, t));
        if (RequestReceived is { } handler)
        {
            await handler(request, serverTx, inbound.Source).ConfigureAwait(false);
        }
    }

    /// <summary>Finds the INVITE server transaction a CANCEL refers to (same branch, RFC 3261 §9.2).</summary>
    public SipServerTransaction? FindInviteTransaction(string branch) =>
        _server.TryGetValue(SipClientTransaction.KeyOf(branch, "INVITE"), out var tx) ? tx : null;

    /// <summary>The local address a transport is bound to.</summary>
    public IPEndPoint LocalEndPoint(SipTransportKind kind) => GetTransport(kind).LocalEndPoint;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var t in _transports.Values)
        {
            await t.DisposeAsync().ConfigureAwait(false);
        }
    }
}
