using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// SMS to and from outside numbers through the PBX's GSM gateway (module <c>GSM</c>): register once, send with a
/// delivery report, receive. Every received SMS and report is acknowledged (<c>SMSOk_REQ</c>) so the gateway frees
/// its memory; the gateway replays unacknowledged ones after a re-registration, and the client delivers each once.
/// </summary>
public sealed class SmsGateway
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly EventStream<SmsMessage> _received;
    private readonly EventStream<SmsDeliveryReport> _reports;
    private readonly HashSet<(char Kind, int GatewayId, int MemId)> _seen = [];
    private int? _gatewayId;
    private TaskCompletionSource<GsmRegisterInfoAnswer>? _registerInfo;

    internal SmsGateway(CtiClient client)
    {
        _client = client;
        _received = client.Hub.CreateStream<SmsMessage>("Sms");
        _reports = client.Hub.CreateStream<SmsDeliveryReport>("SmsReports");
    }

    /// <summary>An SMS arrived.</summary>
    public event EventHandler<SmsMessage>? Received
    {
        add => _received.Handlers += value;
        remove => _received.Handlers -= value;
    }

    /// <summary>An SMS was accepted, rejected, delivered or failed.</summary>
    public event EventHandler<SmsDeliveryReport>? ReportReceived
    {
        add => _reports.Handlers += value;
        remove => _reports.Handlers -= value;
    }

    /// <summary>Subscribes to received SMS.</summary>
    public CtiEventSubscription<SmsMessage> Subscribe(int? capacity = null) => _received.Subscribe(capacity, null);

    /// <summary>Subscribes to delivery reports.</summary>
    public CtiEventSubscription<SmsDeliveryReport> SubscribeReports(int? capacity = null) => _reports.Subscribe(capacity, null);

    /// <summary>The gateway id after <see cref="RegisterAsync"/>.</summary>
    public int? GatewayId => _gatewayId;

    /// <summary>The gateway's own number (MSISDN), after registration.</summary>
    public string? GatewayNumber { get; private set; }

    /// <summary>Registers with the GSM gateway (<c>GSM/Register_REQ</c>); needed before sending or receiving.</summary>
    public async Task<int> RegisterAsync(string? gatewayNumber = null, CancellationToken cancellationToken = default)
    {
        var info = new TaskCompletionSource<GsmRegisterInfoAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _registerInfo = info;
        await _client.RequestAsync(new GsmRegisterRequest { Number = gatewayNumber, CodePage = "PBX" }, cancellationToken).ConfigureAwait(false);
        // RegisterInfo_ANS carries no CId; it comes with the Answer in one burst.
        var answer = await info.Task.WaitAsync(_client.Options.RequestTimeout, _client.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        _gatewayId = answer.GsmId;
        GatewayNumber = answer.Number;
        return answer.GsmId ?? 0;
    }

    /// <summary>Sends an SMS (<c>SMSSend_REQ</c>) with a delivery report; reports follow on <see cref="ReportReceived"/>.</summary>
    public async Task SendAsync(string number, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentNullException.ThrowIfNull(text);
        int gsm = _gatewayId ?? await RegisterAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _client.RequestAsync(new GsmSmsSendRequest { GsmId = gsm, Number = number, Type = "Normal", Report = true, Time = 167, Text = text, Code = "GSM" }, cancellationToken).ConfigureAwait(false);
    }

    internal void Apply(XctipMessage message)
    {
        switch (message)
        {
            case GsmRegisterInfoAnswer info:
                TaskCompletionSource<GsmRegisterInfoAnswer>? waiter;
                lock (_gate)
                {
                    waiter = _registerInfo;
                    _registerInfo = null;
                }

                waiter?.TrySetResult(info);
                break;
            case GsmSmsGetEvent sms:
                if (sms.GsmId is int g && sms.MemId is int m)
                {
                    Acknowledge(g, m);
                    if (!FirstTime('G', g, m)) return;
                }

                _received.Publish(_client, new SmsMessage(sms.Number ?? string.Empty, sms.Text ?? string.Empty, sms.Date, sms.GsmId ?? 0, sms.MemId ?? 0));
                break;
            case GsmSmsAcknowledgeEvent ack:
                _reports.Publish(_client, new SmsDeliveryReport(ack.MsgId, ack.Status == "Confirm" ? SmsDeliveryState.Accepted : SmsDeliveryState.Rejected, null, ack.ErrorCode));
                break;
            case GsmSmsReportEvent report:
                if (report.GsmId is int rg && report.MemId is int rm)
                {
                    Acknowledge(rg, rm);
                    if (!FirstTime('R', rg, rm)) return;
                }

                _reports.Publish(_client, new SmsDeliveryReport(report.MsgId, report.Status == "Delivered" ? SmsDeliveryState.Delivered : SmsDeliveryState.Failed, report.Number, report.ErrorCode));
                break;
        }
    }

    private bool FirstTime(char kind, int gateway, int memId)
    {
        lock (_gate) return _seen.Add((kind, gateway, memId));
    }

    private void Acknowledge(int gateway, int memId)
    {
        // Fire and forget from the reader: the acknowledgement's answer is not awaited here.
        _ = Task.Run(async () =>
        {
            try
            {
                await _client.RequestAsync(new GsmSmsOkRequest { GsmId = gateway, MemId = memId }, _client.Lifetime).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CtiException or OperationCanceledException)
            {
                ClientLog.BackgroundSyncFailed(_client.Logger, "GSM/SMSOk_REQ", ex.Message);
            }
        });
    }
}
