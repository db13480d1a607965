using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing;

/// <summary>What happens to an SMS sent through the emulated GSM gateway.</summary>
public enum SmsOutcome
{
    /// <summary>The SMS centre accepts it and it is delivered.</summary>
    Delivered,

    /// <summary>The SMS centre rejects it (error 70).</summary>
    RejectedByCentre,

    /// <summary>The SMS centre accepts it but delivery fails (error 70).</summary>
    DeliveryFailed,
}

/// <summary>
/// Drives the emulated PBX from code, as the outside world would: callers, desk phones, other MessengerCTI users,
/// the SMS network, the doorphone and ConfigWEB. Every method returns once the resulting events are queued to every
/// session; await the ledger or the client's own stream to see them arrive.
/// </summary>
public sealed class PbxScenario
{
    private readonly PbxEmulatorContext _context;

    internal PbxScenario(PbxEmulatorContext context) => _context = context;

    private PbxWorld World => _context.World;

    /// <summary>An outside caller (<paramref name="fromNumber"/> as the PBX shows it, e.g. <c>0612345678</c>) dials an extension or ring group. Returns the call reference.</summary>
    public Task<int> IncomingCallAsync(string fromNumber, string toExtension, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(toExtension);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() => World.StartIncoming(fromNumber.Trim(), toExtension.Trim())));
    }

    /// <summary>An extension dials a number from its desk phone (internal, ring group or outside). Returns the call reference.</summary>
    public Task<int> DialAsync(string fromExtension, string number, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() => World.StartOutgoing(Require(fromExtension), number.Trim())));
    }

    /// <summary>
    /// The call is answered: at <paramref name="atExtension"/> (a desk phone lifted), at the first ringing extension
    /// when <see langword="null"/>, or by the far end of an outgoing call to an outside number.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call is not ringing there.</exception>
    public Task AnswerAsync(int cr, string? atExtension = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.Answer(RequireCall(cr), atExtension is null ? null : Require(atExtension)));
        return Task.CompletedTask;
    }

    /// <summary>Hangs up: by <paramref name="byExtension"/>, or by the outside party when <see langword="null"/>. A waiting queue call becomes a lost call with a callback row.</summary>
    public Task HangUpAsync(int cr, string? byExtension = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.HangUp(RequireCall(cr), byExtension is null ? null : Require(byExtension)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Another PBX interface (XML.IVR, the "Infolinia" API) tags the call, e.g. <c>IdSub=112</c>: CTIP monitors of every
    /// extension where it rings see <c>UTAG</c> now, and after the <c>RING</c> or <c>CW</c> of every later offer.
    /// </summary>
    /// <exception cref="ArgumentException">The tag is empty, longer than 128 characters or has a control character.</exception>
    /// <exception cref="InvalidOperationException">The call has ended.</exception>
    public Task TagCallAsync(int cr, string tag, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (tag.Length > PbxWorld.MaxUserTagLength || tag.Any(c => c is < ' ' or > '\u00FF'))
        {
            throw new ArgumentException($"A user tag has 1 to {PbxWorld.MaxUserTagLength} characters from 0x20 to 0xFF (CTIP UTAG).", nameof(tag));
        }

        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.TagCall(RequireCall(cr), tag));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The running gross charge of a connected call placed by an extension changes (advice of charge): that
    /// extension's CTIP monitors see <c>AOC</c> with <paramref name="amount"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call is not connected, or was not placed by an extension.</exception>
    public Task ChargeCallAsync(int cr, decimal amount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.ChargeCall(RequireCall(cr), amount));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The PBX starts recording <paramref name="extension"/>'s conversation: its CTIP monitors see <c>RECB</c> now and
    /// <c>RECE</c> (the card address and file path) when it leaves the call. Returns the recording id.
    /// </summary>
    /// <exception cref="InvalidOperationException">The extension is not in the connected call, or is recorded already.</exception>
    public Task<string> StartRecordingAsync(int cr, string extension, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() => World.StartRecording(RequireCall(cr), Require(extension))));
    }

    /// <summary>The recording is cancelled (<c>RECC</c>): no file is kept and no <c>RECE</c> follows.</summary>
    /// <exception cref="InvalidOperationException">The extension's side of the call is not being recorded.</exception>
    public Task CancelRecordingAsync(int cr, string extension, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.CancelRecording(RequireCall(cr), Require(extension)));
        return Task.CompletedTask;
    }

    /// <summary>A ringing extension rejects the call, or deflects it to <paramref name="deflectTo"/>.</summary>
    public Task RejectAsync(int cr, string atExtension, string? deflectTo = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.Reject(RequireCall(cr), Require(atExtension), deflectTo));
        return Task.CompletedTask;
    }

    /// <summary>Another MessengerCTI device of the user changes its state or description.</summary>
    public Task SetPresenceAsync(string extension, AppState? appState = null, string? description = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.SetPresence(Require(extension), appState, description));
        return Task.CompletedTask;
    }

    /// <summary>Forces a line state (e.g. <see cref="PhoneState.OutOfOrder"/> for a phone left off-hook; <see cref="PhoneState.Free"/> to repair it).</summary>
    public Task SetPhoneStateAsync(string extension, PhoneState state, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() =>
        {
            var s = Require(extension);
            s.OutOfOrder = state == PhoneState.OutOfOrder;
            World.SetPhoneState(s, state);
            World.PublishCtipState(s);
        });
        return Task.CompletedTask;
    }

    /// <summary>DND switched on the phone's keypad.</summary>
    public Task SetDndAsync(string extension, bool on, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.SetDnd(Require(extension), on));
        return Task.CompletedTask;
    }

    /// <summary>Forwarding set on the keypad or in ConfigWEB (<paramref name="number"/> null = keep the stored one).</summary>
    public Task SetForwardingAsync(string extension, ForwardingType type, bool on, string? number = null, int rings = 0, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.ApplyServices(Require(extension), null, [new ForwardingRule { Type = type, On = on, Number = number, Rings = rings }]));
        return Task.CompletedTask;
    }

    /// <summary>Another user sends a chat message. Returns its message id (<c>SMSId</c>, also in the ledger).</summary>
    public Task<int> SendChatAsync(string fromExtension, string toExtension, string text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() => World.SendChat(Require(fromExtension), Require(toExtension), text, null, dontBuffer: false)));
    }

    /// <summary>Another user marks the chat with <paramref name="peerExtension"/> as read (the sender gets <c>Status_EV Read</c>).</summary>
    public Task MarkChatReadAsync(string extension, string peerExtension, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.MarkRead(Require(extension), Require(peerExtension)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// An SMS arrives at the GSM gateway (XCTIP <c>GSM/SMSGet_EV</c>, CTIP <c>SMSG</c>). When
    /// <paramref name="toExtension"/> is a subscriber rather than the gateway, it is also shown to that user as an
    /// incoming message (<c>SMS/Receive_EV</c> with <c>Type</c>=<c>SMS</c>, modeled).
    /// </summary>
    public Task ReceiveSmsAsync(string fromNumber, string toExtension, string text, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromNumber);
        ArgumentNullException.ThrowIfNull(text);
        ct.ThrowIfCancellationRequested();
        World.WithLock(() =>
        {
            var to = Require(toExtension);
            World.ReceiveSms(fromNumber, text);
            if (to.Data.Kind != SubscriberKind.GsmGateway)
            {
                World.DeliverSmsToSubscriber(fromNumber, to, text);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// How the SMS network treats the SMS sent from now on: delivered (default), rejected by the SMS centre (XCTIP
    /// <c>SMSAcknowledge_EV{Status=Reject, ErrorCode=70}</c>, CTIP <c>SMSA G001 R 70</c>) or accepted but not delivered
    /// (<c>SMSReport_EV{Status=Error}</c>, CTIP <c>SMSR G001 E …</c>).
    /// </summary>
    public Task SetSmsOutcomeAsync(SmsOutcome outcome, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.NextSmsOutcome = outcome);
        return Task.CompletedTask;
    }

    /// <summary>An outside caller reaches a Call Center queue. Returns the call reference.</summary>
    public Task<int> QueueCallAsync(int queueId, string fromNumber, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromNumber);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() => World.StartQueueCall(queueId, fromNumber.Trim())));
    }

    /// <summary>An agent logs in to or out of a queue at the phone.</summary>
    public Task SetAgentLoginAsync(int queueId, string extension, bool loggedIn, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.SetAgentLogin(queueId, Require(extension), loggedIn));
        return Task.CompletedTask;
    }

    /// <summary>The doorphone's door contact reports a state (<see cref="DoorState.Open"/>, <see cref="DoorState.Close"/>, <see cref="DoorState.Alarm"/>).</summary>
    public Task SetDoorAsync(string doorphoneExtension, DoorState state, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() =>
        {
            var door = Require(doorphoneExtension);
            if (door.Data.Kind != SubscriberKind.Doorphone)
            {
                throw new ArgumentException($"{doorphoneExtension} is not a doorphone.", nameof(doorphoneExtension));
            }

            World.SetDoor(door, state);
        });
        return Task.CompletedTask;
    }

    /// <summary>A doorphone's camera goes offline or comes back (Status <c>Camera</c>).</summary>
    public Task SetCameraAsync(string doorphoneExtension, bool available, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.SetCamera(Require(doorphoneExtension), available));
        return Task.CompletedTask;
    }

    /// <summary>A contact added elsewhere (ConfigWEB, another user). Its id is assigned when 0; registered clients get Sync hints.</summary>
    public Task<int> AddContactAsync(PhoneBookContactData contact, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(World.WithLock(() =>
        {
            var c = contact with { ContactId = contact.ContactId > 0 ? contact.ContactId : World.NextContactId(), Phones = World.AssignPhoneIds(contact.Phones) };
            World.PutContact(c);
            return c.ContactId;
        }));
    }

    /// <summary>A contact added elsewhere, by name and numbers.</summary>
    public Task<int> AddContactAsync(string name, string number, int groupId = 2, CancellationToken ct = default) =>
        AddContactAsync(new PhoneBookContactData { Name = name, Type = "External", Phones = [new PhoneData { Number = number, Comment = "Praca", Default = true }], GroupIds = [groupId] }, ct);

    /// <summary>A contact changed elsewhere (replaces the contact with the same id).</summary>
    public Task UpdateContactAsync(PhoneBookContactData contact, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.PutContact(contact with { Phones = World.AssignPhoneIds(contact.Phones) }));
        return Task.CompletedTask;
    }

    /// <summary>A contact deleted elsewhere.</summary>
    public Task DeleteContactAsync(int contactId, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.DeleteContact(contactId));
        return Task.CompletedTask;
    }

    /// <summary>An administrator wipes a subscriber's call or message history (ConfigWEB): clients syncing from an older marker get <c>DelAll</c> with cause <c>Event</c>.</summary>
    public Task WipeHistoryAsync(string extension, SyncType type, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.WithLock(() => World.WipeHistory(Require(extension), type));
        return Task.CompletedTask;
    }

    private Subscriber Require(string extension) =>
        World.FindByExtension(extension?.Trim()) ?? throw new ArgumentException($"There is no extension '{extension}' in the emulated PBX.", nameof(extension));

    private Calls.Call RequireCall(int cr) =>
        World.FindActiveCall(cr) ?? throw new InvalidOperationException($"There is no call with CR {cr} in progress.");
}
