using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// Internal chat (<c>SMS/Send_REQ</c>, <c>Receive_EV</c>), delivery and read state, text conferences (module
/// <c>Conf</c>), and SMS to outside numbers through the PBX's GSM gateway (<see cref="Sms"/>). Messages that arrive
/// while the client is reconnecting are recovered from chat history and delivered once, marked
/// <see cref="ChatMessage.Recovered"/>.
/// </summary>
public sealed class Chat
{
    private const int RememberedMessages = 4096;
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly EventStream<ChatMessage> _messages;
    private readonly EventStream<ChatDeliveryUpdate> _status;
    private readonly EventStream<ChatConference> _conferenceChanges;
    private readonly Dictionary<int, ChatConference> _conferences = [];
    private readonly Queue<string> _deliveredOrder = new();
    private readonly Dictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private long _sent;

    internal Chat(CtiClient client)
    {
        _client = client;
        _messages = client.Hub.CreateStream<ChatMessage>("Chat");
        _status = client.Hub.CreateStream<ChatDeliveryUpdate>("ChatStatus");
        _conferenceChanges = client.Hub.CreateStream<ChatConference>("Conferences");
        Sms = new SmsGateway(client);
    }

    /// <summary>SMS to and from outside numbers through the PBX's GSM gateway.</summary>
    public SmsGateway Sms { get; }

    /// <summary>A chat message (or conference post) arrived.</summary>
    public event EventHandler<ChatMessage>? MessageReceived
    {
        add => _messages.Handlers += value;
        remove => _messages.Handlers -= value;
    }

    /// <summary>A sent message was delivered, read or displayed.</summary>
    public event EventHandler<ChatDeliveryUpdate>? DeliveryChanged
    {
        add => _status.Handlers += value;
        remove => _status.Handlers -= value;
    }

    /// <summary>A text conference was created, changed or removed.</summary>
    public event EventHandler<ChatConference>? ConferenceChanged
    {
        add => _conferenceChanges.Handlers += value;
        remove => _conferenceChanges.Handlers -= value;
    }

    /// <summary>Subscribes to incoming messages.</summary>
    public CtiEventSubscription<ChatMessage> Subscribe(int? capacity = null, EventOverflowMode? mode = null) => _messages.Subscribe(capacity, mode);

    /// <summary>Subscribes to delivery updates.</summary>
    public CtiEventSubscription<ChatDeliveryUpdate> SubscribeDelivery(int? capacity = null) => _status.Subscribe(capacity, null);

    /// <summary>Subscribes to conference changes.</summary>
    public CtiEventSubscription<ChatConference> SubscribeConferences(int? capacity = null) => _conferenceChanges.Subscribe(capacity, null);

    /// <summary>The text conferences the user belongs to.</summary>
    public IReadOnlyList<ChatConference> Conferences
    {
        get
        {
            lock (_gate) return [.. _conferences.Values.Where(c => !c.Deleted).OrderBy(c => c.Id)];
        }
    }

    /// <summary>
    /// Sends a chat message to an extension. The PBX stores it for a recipient who is offline unless
    /// <paramref name="dontBuffer"/>. Not re-sent if the connection drops while waiting: a
    /// <see cref="CtiConnectionLostException"/> means it may or may not have been delivered.
    /// </summary>
    public async Task<ChatMessage> SendAsync(string toExtension, string text, bool dontBuffer = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toExtension);
        ArgumentNullException.ThrowIfNull(text);
        string userData = NewUserData();
        await _client.RequestAsync(new SmsSendRequest
        {
            Number = toExtension,
            Type = SmsType.Internal,
            Text = text,
            DontBuffer = dontBuffer ? "1" : null,
            UserData = userData,
        }, cancellationToken).ConfigureAwait(false);
        return new ChatMessage
        {
            Peer = toExtension,
            IsOutgoing = true,
            Text = text,
            Time = _client.Options.TimeProvider.GetLocalNow().DateTime,
            Type = SmsType.Internal,
            UserData = userData,
        };
    }

    /// <summary>Marks every message from <paramref name="peer"/> as read (the sender sees "read").</summary>
    public Task MarkReadAsync(string peer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peer);
        return _client.RequestAsync(new SmsMarkReadRequest { Number = peer }, cancellationToken);
    }

    /// <summary>Creates a text conference with the given member extensions (the user is added by the PBX).</summary>
    public async Task<ChatConference> CreateConferenceAsync(string name, IEnumerable<string> members, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(members);
        var answer = await _client.RequestAsync<ConferenceAnswer>(new ConferenceCreateRequest { ConferenceName = name, Member = [.. members] }, cancellationToken).ConfigureAwait(false);
        var conference = new ChatConference(answer.ConfId ?? 0, answer.ConferenceName ?? name, [.. answer.Member]);
        lock (_gate) _conferences[conference.Id] = conference;
        return conference;
    }

    /// <summary>Renames a conference and/or replaces its members (<see langword="null"/> leaves a part unchanged).</summary>
    public Task EditConferenceAsync(int conferenceId, string? name = null, IEnumerable<string>? members = null, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new ConferenceEditRequest { ConfId = conferenceId, ConferenceName = name, Member = [.. members ?? []] }, cancellationToken);

    /// <summary>Leaves a conference.</summary>
    public async Task LeaveConferenceAsync(int conferenceId, CancellationToken cancellationToken = default)
    {
        await _client.RequestAsync(new ConferenceLeaveRequest { ConfId = conferenceId }, cancellationToken).ConfigureAwait(false);
        lock (_gate) _conferences.Remove(conferenceId);
    }

    /// <summary>Posts a message to a conference.</summary>
    public async Task<ChatMessage> PostAsync(int conferenceId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        string userData = NewUserData();
        string id = conferenceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _client.RequestAsync(new SmsSendRequest { Number = id, Type = SmsType.Conference, Text = text, UserData = userData }, cancellationToken).ConfigureAwait(false);
        return new ChatMessage { Peer = id, IsOutgoing = true, Text = text, Type = SmsType.Conference, ConferenceId = conferenceId, UserData = userData, Time = _client.Options.TimeProvider.GetLocalNow().DateTime };
    }

    private string NewUserData() => $"sdk-{_client.Options.User}-{Interlocked.Increment(ref _sent)}-{Guid.NewGuid():N}"[..40];

    internal void OnReceived(SmsReceiveEvent received)
    {
        var message = new ChatMessage
        {
            Peer = received.Number ?? string.Empty,
            Text = received.Text ?? string.Empty,
            Time = received.RecvTime,
            Type = received.Type,
            ConferenceId = received.ConfId,
            UserData = received.UserData,
        };
        lock (_gate) Remember(KeyOf(message.Peer, message.Text));
        _messages.Publish(_client, message);
    }

    internal void OnStatus(SmsStatusEvent status) =>
        _status.Publish(_client, new ChatDeliveryUpdate(status.SMSId, status.Number, status.Status, status.Date));

    internal void Apply(ConferenceChangeEvent change)
    {
        var conference = new ChatConference(change.ConfId ?? 0, change.ConferenceName ?? string.Empty, [.. change.Member], change.Deleted ?? false);
        lock (_gate)
        {
            if (conference.Deleted) _conferences.Remove(conference.Id);
            else _conferences[conference.Id] = conference;
        }

        _conferenceChanges.Publish(_client, conference);
    }

    /// <summary>
    /// After a reconnect: delivers incoming messages that reached history while the client was offline and were
    /// not received live, each once.
    /// </summary>
    internal int RecoverFromHistory(IReadOnlyList<ChatHistoryEntry> newEntries)
    {
        int recovered = 0;
        foreach (var entry in newEntries.OrderBy(e => e.Time))
        {
            if (entry.IsOutgoing) continue;
            string key = KeyOf(entry.Peer, entry.Text);
            lock (_gate)
            {
                if (_delivered.TryGetValue(key, out int n) && n > 0)
                {
                    if (n == 1) _delivered.Remove(key);
                    else _delivered[key] = n - 1;
                    continue;
                }
            }

            recovered++;
            _messages.Publish(_client, new ChatMessage
            {
                Peer = entry.Peer,
                Text = entry.Text,
                Time = entry.Time,
                Type = SmsType.Internal,
                UserData = entry.UserData,
                MessageId = entry.Id,
                Recovered = true,
            });
        }

        return recovered;
    }

    /// <summary>History rows for messages that were received live: forget them, so a later identical message is not taken for a duplicate.</summary>
    internal void ConsumeDelivered(IReadOnlyList<ChatHistoryEntry> newEntries)
    {
        lock (_gate)
        {
            foreach (var entry in newEntries)
            {
                if (entry.IsOutgoing) continue;
                string key = KeyOf(entry.Peer, entry.Text);
                if (_delivered.TryGetValue(key, out int n))
                {
                    if (n <= 1) _delivered.Remove(key);
                    else _delivered[key] = n - 1;
                }
            }
        }
    }

    private static string KeyOf(string peer, string text) => peer + "\u0001" + text;

    private void Remember(string key)
    {
        _delivered[key] = _delivered.GetValueOrDefault(key) + 1;
        _deliveredOrder.Enqueue(key);
        while (_deliveredOrder.Count > RememberedMessages)
        {
            string old = _deliveredOrder.Dequeue();
            if (_delivered.TryGetValue(old, out int n))
            {
                if (n <= 1) _delivered.Remove(old);
                else _delivered[old] = n - 1;
            }
        }
    }
}
