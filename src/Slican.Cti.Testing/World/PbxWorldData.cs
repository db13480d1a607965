using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slican.Cti.Testing;

/// <summary>
/// Everything the emulated PBX knows before it starts: subscribers, ring groups, phone book, Call Center queues and
/// history. Plain JSON-serialisable records, so a test or the <c>slican-cti emulator --config</c> command can load a
/// world of its own; <see cref="CreateDefault"/> builds the realistic office the README and the SDK tests use.
/// </summary>
public sealed record PbxWorldData
{
    /// <summary>PBX family reported in <c>LogInfo_ANS/PbxType</c> and the CTIP <c>OK</c> replies. Default <c>NCP</c>.</summary>
    public string PbxType { get; init; } = "NCP";

    /// <summary>Firmware version reported to clients. Default <c>1.23.0140</c>.</summary>
    public string Firmware { get; init; } = "1.23.0140";

    /// <summary>Model and serial number of the CTIP <c>WHO</c> reply.</summary>
    public string Model { get; init; } = "NCP-000";

    /// <summary>Serial number of the CTIP <c>WHO</c> reply.</summary>
    public string SerialNumber { get; init; } = "NO03914";

    /// <summary>Key of CTIP <c>LOGA</c>; <see langword="null"/> = no key configured, any key (or <c>____</c>) is accepted.</summary>
    public string? CtipLoginAllKey { get; init; }

    /// <summary>Database epoch (Unix seconds) written into sync markers; it changes when the store is reset.</summary>
    public uint Epoch { get; init; } = 0x6733A1C0;

    /// <summary>
    /// How many phone-book or history changes the PBX keeps as deltas before it compacts its change log; a client whose
    /// marker is older than the last compaction gets <c>DelAll</c> + <c>Overflow</c>. Default 1,000.
    /// </summary>
    public int SyncLogCapacity { get; init; } = 1000;

    /// <summary>The subscribers (extensions).</summary>
    public IReadOnlyList<SubscriberData> Subscribers { get; init; } = [];

    /// <summary>Ring groups: a number that rings several extensions at once.</summary>
    public IReadOnlyList<RingGroupData> RingGroups { get; init; } = [];

    /// <summary>Phone-book groups.</summary>
    public IReadOnlyList<PhoneBookGroupData> PhoneBookGroups { get; init; } = [];

    /// <summary>Phone-book contacts.</summary>
    public IReadOnlyList<PhoneBookContactData> Contacts { get; init; } = [];

    /// <summary>Call Center queues.</summary>
    public IReadOnlyList<QueueData> Queues { get; init; } = [];

    /// <summary>Call history rows (per subscriber).</summary>
    public IReadOnlyList<CallHistoryData> CallHistory { get; init; } = [];

    /// <summary>Chat and SMS history rows (per subscriber).</summary>
    public IReadOnlyList<MessageHistoryData> MessageHistory { get; init; } = [];

    /// <summary>Call Center callback list.</summary>
    public IReadOnlyList<CallbackData> Callbacks { get; init; } = [];

    /// <summary>The default office: about 40 subscribers, about 500 contacts, two queues, some history.</summary>
    public static PbxWorldData CreateDefault() => DefaultWorld.Create();

    /// <summary>Serialises the world as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PbxWorldJson.Options);

    /// <summary>Reads a world from JSON written by <see cref="ToJson"/> (or by hand).</summary>
    /// <exception cref="JsonException">The text is not a valid world.</exception>
    public static PbxWorldData FromJson(string json) =>
        JsonSerializer.Deserialize<PbxWorldData>(json, PbxWorldJson.Options)
        ?? throw new JsonException("The JSON document is empty; expected a PBX world object.");

    /// <summary>Loads a world from a JSON file.</summary>
    public static async Task<PbxWorldData> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<PbxWorldData>(stream, PbxWorldJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"'{path}' is empty; expected a PBX world object.");
        }
    }

    /// <summary>Saves the world to a JSON file.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, this, PbxWorldJson.Options, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What kind of terminal a subscriber is.</summary>
public enum SubscriberKind
{
    /// <summary>A desk phone only (no MessengerCTI licence).</summary>
    DeskPhone,

    /// <summary>A VoIP (SIP) subscriber.</summary>
    Voip,

    /// <summary>A MessengerCTI user (desk phone and/or softphone plus the application).</summary>
    MessengerUser,

    /// <summary>A DPH.IP doorphone.</summary>
    Doorphone,

    /// <summary>A GSM gateway port.</summary>
    GsmGateway,
}

/// <summary>The phone a subscriber's calls ring on; it decides what remote control (CTIP PICK/HANG) can do.</summary>
public enum PhoneKind
{
    /// <summary>A CTS system phone: can be lifted and released remotely.</summary>
    System,

    /// <summary>An analog phone: no remote lift (<c>NA 24</c>), <c>DIAL</c> uses call-back.</summary>
    Analog,

    /// <summary>A SIP phone: no remote lift (<c>NA 24</c>), <c>DIAL</c> uses call-back.</summary>
    Sip,
}

/// <summary>One extension.</summary>
public sealed record SubscriberData
{
    /// <summary>PBX-internal subscriber id (<c>Id</c> in XCTIP), e.g. 1001.</summary>
    public int Id { get; init; }

    /// <summary>Extension number, e.g. <c>201</c>.</summary>
    public string Extension { get; init; } = "";

    /// <summary>Name shown as <c>Comment</c> and in the phone book.</summary>
    public string Name { get; init; } = "";

    /// <summary>Kind of terminal.</summary>
    public SubscriberKind Kind { get; init; }

    /// <summary>The phone calls ring on.</summary>
    public PhoneKind Phone { get; init; } = PhoneKind.System;

    /// <summary>CTI password (XCTIP <c>MakeLog/Pass</c>) and CTIP <c>LOGI</c> key; <see langword="null"/> = cannot log in.</summary>
    public string? CtiPassword { get; init; }

    /// <summary>CTI access level set (CTI=1); without it XCTIP says <c>No CTI access</c> and CTIP <c>NA 19</c>.</summary>
    public bool CtiAccess { get; init; } = true;

    /// <summary>MessengerCTI allowed and a licence free; without it XCTIP says <c>Application not allowed</c>.</summary>
    public bool ApplicationAllowed { get; init; } = true;

    /// <summary>Licence level reported in <c>LogInfo_ANS</c> (<c>CTIuser</c> or <c>CTIuserPlus</c>).</summary>
    public string Licence { get; init; } = "CTIuser";

    /// <summary>Whether the user has a MessengerCTI softphone (<c>VoIP</c>).</summary>
    public bool Voip { get; init; }

    /// <summary>For a user: may view cameras (<c>LogInfo_ANS/Camera</c>); for a doorphone: has a camera (Status <c>Camera</c>).</summary>
    public bool Camera { get; init; }

    /// <summary>May add, change and delete contacts.</summary>
    public bool CanEditBook { get; init; }

    /// <summary>May add, change and delete groups.</summary>
    public bool CanEditGroups { get; init; }

    /// <summary>Call waiting enabled: a call to this busy subscriber waits (CTIP <c>CW</c>) instead of getting cause 17.</summary>
    public bool CallWaiting { get; init; }

    /// <summary>Pickup group name; subscribers in the same group can pick up each other's calls.</summary>
    public string? PickupGroup { get; init; }

    /// <summary>Initial MessengerCTI state of another device (<c>AVAILABLE</c>…), <see langword="null"/> = not logged in anywhere.</summary>
    public string? AppState { get; init; }

    /// <summary>Initial description text.</summary>
    public string? AppInfo { get; init; }

    /// <summary>Initial DND.</summary>
    public bool Dnd { get; init; }

    /// <summary>Initially out of order.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>Doorphone camera RTSP URL (no credentials).</summary>
    public string? CameraUrl { get; init; }

    /// <summary>Doorphone camera login.</summary>
    public string? CameraLogin { get; init; }

    /// <summary>Doorphone camera password.</summary>
    public string? CameraPassword { get; init; }

    /// <summary>GSM gateway: own MSISDN.</summary>
    public string? GsmNumber { get; init; }

    /// <summary>GSM gateway: SIM PIN for CTIP <c>LOGI Gnnn</c>.</summary>
    public string? GsmPin { get; init; }

    /// <summary>Text shown for the subscriber in this object's <c>ToString</c>; the password is never included.</summary>
    public override string ToString() => $"{Extension} ({Id}) {Name} [{Kind}]";
}

/// <summary>A ring group: calls to <see cref="Number"/> ring every member; the first to answer takes the call.</summary>
public sealed record RingGroupData
{
    /// <summary>The group's number, e.g. <c>300</c>.</summary>
    public string Number { get; init; } = "";

    /// <summary>The group's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Member extensions.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>A phone-book group.</summary>
public sealed record PhoneBookGroupData
{
    /// <summary>Group id.</summary>
    public int GroupId { get; init; }

    /// <summary>Name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Favourite flag.</summary>
    public bool Favourite { get; init; }

    /// <summary>Private flag.</summary>
    public bool Private { get; init; }

    /// <summary>Department flag (a group of extensions).</summary>
    public bool Department { get; init; }
}

/// <summary>A phone-book contact.</summary>
public sealed record PhoneBookContactData
{
    /// <summary>Contact id.</summary>
    public int ContactId { get; init; }

    /// <summary>Name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Extension of a subscriber contact.</summary>
    public string? ExtNo { get; init; }

    /// <summary>Subscriber id of a subscriber contact.</summary>
    public int? IdExtNo { get; init; }

    /// <summary>Favourite flag.</summary>
    public bool Favourite { get; init; }

    /// <summary>Private flag.</summary>
    public bool Private { get; init; }

    /// <summary>Contact type (<c>Subscriber</c> for extensions, <c>External</c> otherwise).</summary>
    public string? Type { get; init; }

    /// <summary>Phones, numbers as the user typed them.</summary>
    public IReadOnlyList<PhoneData> Phones { get; init; } = [];

    /// <summary>Group memberships.</summary>
    public IReadOnlyList<int> GroupIds { get; init; } = [];

    /// <summary>Free text (address…).</summary>
    public string? Info { get; init; }

    /// <summary>Messenger address.</summary>
    public string? IM { get; init; }
}

/// <summary>A contact's phone.</summary>
public sealed record PhoneData
{
    /// <summary>Phone id.</summary>
    public int PhoneId { get; init; }

    /// <summary>Number as typed (<c>+48 61 234 56 78</c>, <c>0612345678</c>…).</summary>
    public string Number { get; init; } = "";

    /// <summary>Label (<c>Praca</c>, <c>Komórka</c>…).</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the number can take SMS.</summary>
    public bool CanSms { get; init; }

    /// <summary>Whether this is the contact's default number.</summary>
    public bool Default { get; init; }
}

/// <summary>A Call Center queue.</summary>
public sealed record QueueData
{
    /// <summary>Queue id.</summary>
    public int QueueId { get; init; }

    /// <summary>Name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The queue's pilot number, shown as the called number of its calls.</summary>
    public string Number { get; init; } = "";

    /// <summary>Extensions that may work as agents of the queue.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Agents logged in at start.</summary>
    public IReadOnlyList<string> LoggedInAgents { get; init; } = [];

    /// <summary>Callback attempts before a callback becomes <c>Failed</c>.</summary>
    public int MaxCallbackAttempts { get; init; } = 3;
}

/// <summary>A call history row of one subscriber.</summary>
public sealed record CallHistoryData
{
    /// <summary>Owner's extension.</summary>
    public string Owner { get; init; } = "";

    /// <summary>Record id.</summary>
    public int HId { get; init; }

    /// <summary>Start time (PBX local).</summary>
    public DateTime StartTime { get; init; }

    /// <summary><c>InCall</c>, <c>OutCall</c> or <c>MissedCall</c>.</summary>
    public string HType { get; init; } = "InCall";

    /// <summary>Remote number.</summary>
    public string CNumber { get; init; } = "";

    /// <summary>Remote name.</summary>
    public string? CName { get; init; }

    /// <summary>Number class (<c>National</c>, <c>Internal</c>…).</summary>
    public string? CType { get; init; }

    /// <summary>Number the caller dialled.</summary>
    public string? DialNumber { get; init; }

    /// <summary>Talk (or ring) seconds.</summary>
    public int DurationTime { get; init; }

    /// <summary>Unread flag.</summary>
    public bool Unread { get; init; }

    /// <summary>Attempts folded into the row.</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>A chat or SMS history row of one subscriber.</summary>
public sealed record MessageHistoryData
{
    /// <summary>Owner's extension.</summary>
    public string Owner { get; init; } = "";

    /// <summary>Record id.</summary>
    public int MId { get; init; }

    /// <summary>Message id shared by the sender's and the receiver's rows.</summary>
    public int SmsId { get; init; }

    /// <summary>When sent.</summary>
    public DateTime Date { get; init; }

    /// <summary><c>In</c> or <c>Out</c> (modeled).</summary>
    public string Type { get; init; } = "In";

    /// <summary>Peer (extension or number).</summary>
    public string Number { get; init; } = "";

    /// <summary>Text.</summary>
    public string Text { get; init; } = "";

    /// <summary>Sender's user data.</summary>
    public string? UserData { get; init; }

    /// <summary>Unread (incoming rows).</summary>
    public bool Unread { get; init; }

    /// <summary>When the peer read it.</summary>
    public DateTime? ReadDate { get; init; }

    /// <summary>Delivery state (<c>Sent</c>, <c>Buffered</c>, <c>Delivered</c>, <c>Read</c>; modeled).</summary>
    public string? Status { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTime? StatusDate { get; init; }

    /// <summary><c>Chat</c>, <c>Conference</c> or <c>SMS</c> (modeled).</summary>
    public string TypeMsg { get; init; } = "Chat";

    /// <summary>Displayed flag.</summary>
    public bool Displayed { get; init; }

    /// <summary>Conference id of a conference post.</summary>
    public int? ConfId { get; init; }
}

/// <summary>A Call Center callback row.</summary>
public sealed record CallbackData
{
    /// <summary>Callback id.</summary>
    public int CbId { get; init; }

    /// <summary>Queue.</summary>
    public int QueueId { get; init; }

    /// <summary>Number to call back.</summary>
    public string Number { get; init; } = "";

    /// <summary>Caller's name.</summary>
    public string? Name { get; init; }

    /// <summary>When the call was lost.</summary>
    public DateTime Time { get; init; }

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary><c>Waiting</c>, <c>Done</c> or <c>Failed</c>.</summary>
    public string State { get; init; } = "Waiting";
}

internal static class PbxWorldJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All), // Polish letters stay readable
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
