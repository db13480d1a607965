using System.Text;

namespace Slican.Cti.Protocol.Ctip;

// PBX → terminal messages (spec section 4.4). Extensions are bare numbers; a lone "_" on the wire is null.

/// <summary><c>OK [args…]</c>: success reply. Its arguments depend on the request; use the typed helpers to read them.</summary>
public sealed record CtipOk : CtipMessage
{
    /// <summary>Creates a reply with the given argument tokens (none for a plain <c>OK</c>).</summary>
    public CtipOk(IReadOnlyList<string> arguments) => Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));

    /// <summary>Creates a plain <c>OK</c>.</summary>
    public CtipOk()
        : this(Array.Empty<string>())
    {
    }

    /// <inheritdoc />
    public override string Command => "OK";

    /// <summary>The argument tokens exactly as received.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Reads the WHO reply form, <c>OK &lt;model&gt; &lt;serial&gt; v&lt;fw&gt;/&lt;proto&gt; &lt;YYYY.MM.DD&gt; &lt;HH:MM'SS&gt;</c>.</summary>
    /// <returns>Whether the arguments have that form.</returns>
    public bool TryGetWhoReply([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CtipWhoReply? reply) =>
        CtipWhoReply.TryParse(Arguments, out reply);

    /// <summary>Reads the extension LOGI reply (<c>OK IPL 6.22 12 1</c>) or the LOGA reply (<c>OK IPL 6.55 15</c>).</summary>
    /// <returns>Whether the arguments have that form; the phone type is set only for the LOGI form.</returns>
    public bool TryGetLoginReply([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CtipLoginReply? reply) =>
        CtipLoginReply.TryParse(Arguments, gsm: false, out reply);

    /// <summary>Reads the GSM LOGI reply, <c>OK IPL 6.22p 12 600123456</c>, whose last field is the SIM's own number.</summary>
    /// <returns>Whether the arguments have that form.</returns>
    public bool TryGetGsmLoginReply([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CtipLoginReply? reply) =>
        CtipLoginReply.TryParse(Arguments, gsm: true, out reply);

    /// <summary>Compares by token sequence, since lists compare by reference.</summary>
    public bool Equals(CtipOk? other) => other is not null && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => CtipArguments.Hash(Command, Arguments);

    /// <summary>Prints the tokens instead of the list type name.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = OK, Arguments = [").AppendJoin(", ", Arguments).Append(']');
        return true;
    }
}

/// <summary><c>ERROR</c>: the request had a syntax or value error.</summary>
public sealed record CtipError : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "ERROR";
}

/// <summary><c>NA [code]</c>: the PBX refused the request.</summary>
/// <param name="Reason">The reason code, or <see langword="null"/> when the PBX sent none.</param>
public sealed record CtipNotAccepted(CtipNaReason? Reason) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "NA";
}

/// <summary><c>STAT &lt;ext&gt; &lt;H|h|o&gt; F D L A P C Q</c>: extension state, sent on every change and in reply to RQST.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Hook">Handset state.</param>
/// <param name="Services">Services that are on (upper-case letters on the wire).</param>
public sealed record CtipState(string Extension, CtipHookState Hook, CtipServices Services) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "STAT";
}

/// <summary><c>RING &lt;ext&gt; &lt;caller&gt; &lt;port&gt; &lt;dialled&gt; &lt;held&gt; &lt;comment&gt;</c>: the extension is ringing; may repeat when the presentation changes.</summary>
/// <param name="Extension">The ringing extension, unpadded.</param>
/// <param name="Caller">The caller (<c>/205</c> internal, <c>0…</c> long distance or mobile, <c>00…</c> international), or <see langword="null"/> when unknown.</param>
/// <param name="Port">The physical port of the initiator (<c>0</c> on NCP).</param>
/// <param name="Dialled">The number the initiator dialled.</param>
/// <param name="Held">The held party, or <see langword="null"/> for none.</param>
/// <param name="Comment">The caller's name with real spaces (the wire uses <c>_</c>), or <see langword="null"/> for none.</param>
public sealed record CtipRing(string Extension, string? Caller, string Port, string Dialled, string? Held, string? Comment) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "RING";

    /// <summary>Whether the caller is an internal party (<c>/xxx</c>).</summary>
    public bool IsInternalCaller => CtipExtension.IsInternal(Caller);
}

/// <summary><c>CW &lt;ext&gt; &lt;number&gt; &lt;comment&gt;</c>: a new waiting call appeared.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Number">The waiting caller, or <see langword="null"/> when unknown.</param>
/// <param name="Comment">The caller's name with real spaces, or <see langword="null"/> for none.</param>
public sealed record CtipCallWaiting(string Extension, string? Number, string? Comment) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "CW";
}

/// <summary><c>CONN &lt;ext&gt; &lt;number&gt; &lt;port&gt;</c>: talk started (incoming or outgoing); may repeat.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Number">The other party (<c>/109</c> internal), or <see langword="null"/> when unknown.</param>
/// <param name="Port">The physical port (<c>0</c> on NCP).</param>
public sealed record CtipConnected(string Extension, string? Number, string Port) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "CONN";

    /// <summary>Whether the other party is internal (<c>/xxx</c>).</summary>
    public bool IsInternal => CtipExtension.IsInternal(Number);
}

/// <summary><c>REL &lt;ext&gt; &lt;cause&gt;</c>: a call or dialling ended; not an on-hook indication.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Cause">The release cause; numbers outside the spec list are kept.</param>
public sealed record CtipReleased(string Extension, CtipReleaseCause Cause) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "REL";
}

/// <summary><c>DRDY &lt;ext&gt;</c>: dial tone; the PBX invites DIAL.</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipDialReady(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "DRDY";
}

/// <summary><c>ECHO &lt;ext&gt; &lt;digits&gt;</c>: digits the phone just dialled, as they arrive.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Digits">The digits, or a whole internal number such as <c>/109</c>.</param>
public sealed record CtipEcho(string Extension, string Digits) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "ECHO";
}

/// <summary><c>AOC &lt;ext&gt; &lt;amount&gt;</c>: running gross charge of the call, sent on every change.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Amount">The charge; a decimal keeps the PBX's digits exactly (<c>0.38</c>).</param>
public sealed record CtipCharge(string Extension, decimal Amount) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "AOC";
}

/// <summary><c>UTAG &lt;ext&gt; &lt;tag&gt;</c>: a user tag set by another interface; follows RING or CW.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Tag">The tag, the rest of the line (may contain spaces), up to 128 characters.</param>
public sealed record CtipUserTag(string Extension, string Tag) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "UTAG";
}

/// <summary><c>SMSA G&lt;nnn&gt; C &lt;orderId&gt;</c>: the SMS centre accepted the message; the module is free again.</summary>
/// <param name="Port">The GSM port.</param>
/// <param name="OrderId">Links to the later delivery report.</param>
public sealed record CtipSmsAccepted(string Port, int OrderId) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSA";
}

/// <summary><c>SMSA G&lt;nnn&gt; R &lt;errcode&gt;</c>: the SMS centre rejected the message; the module is free again.</summary>
/// <param name="Port">The GSM port.</param>
/// <param name="ErrorCode">The operator's error code (not defined by CTIP).</param>
public sealed record CtipSmsRejected(string Port, int ErrorCode) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSA";
}

/// <summary><c>SMSR G&lt;nnn&gt; D &lt;memidx&gt; &lt;orderId&gt; [&lt;number&gt;]</c>: delivery report, delivered. Acknowledge with SOK.</summary>
/// <param name="Port">The GSM port.</param>
/// <param name="MemoryIndex">Index to acknowledge with <see cref="CtipSmsOk"/>.</param>
/// <param name="OrderId">The order id from <see cref="CtipSmsAccepted"/>.</param>
/// <param name="Number">The recipient (protocol 12.01+), or <see langword="null"/>.</param>
public sealed record CtipSmsDelivered(string Port, int MemoryIndex, int OrderId, string? Number) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSR";
}

/// <summary><c>SMSR G&lt;nnn&gt; E &lt;memidx&gt; &lt;orderId&gt; &lt;errcode&gt; [&lt;number&gt;]</c>: delivery report, failed. Acknowledge with SOK.</summary>
/// <param name="Port">The GSM port.</param>
/// <param name="MemoryIndex">Index to acknowledge with <see cref="CtipSmsOk"/>.</param>
/// <param name="OrderId">The order id from <see cref="CtipSmsAccepted"/>.</param>
/// <param name="ErrorCode">The operator's error code (70 = validity expired).</param>
/// <param name="Number">The recipient (protocol 12.01+), or <see langword="null"/>.</param>
public sealed record CtipSmsDeliveryFailed(string Port, int MemoryIndex, int OrderId, int ErrorCode, string? Number) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSR";
}

/// <summary>
/// <c>SMSG G&lt;nnn&gt; &lt;memidx&gt; &lt;sender&gt; &lt;N|F&gt; &lt;ref,part,total&gt; &lt;YYYY-MM-DD_HH:MM:SS&gt; &lt;text&gt;</c>:
/// an incoming SMS. Acknowledge with SOK; every login replays unacknowledged ones, so de-duplicate by memory index.
/// </summary>
/// <param name="Port">The GSM port.</param>
/// <param name="MemoryIndex">Index to acknowledge with <see cref="CtipSmsOk"/>.</param>
/// <param name="Sender">The sender's number.</param>
/// <param name="Type">Normal or flash.</param>
/// <param name="Part">Position in a multipart message; <see cref="CtipSmsPart.SinglePart"/> for a single part.</param>
/// <param name="Timestamp">The PBX's local receive time (whole seconds, <see cref="DateTimeKind.Unspecified"/>).</param>
/// <param name="Text">The text with real line breaks and single backslashes.</param>
public sealed record CtipSmsReceived(string Port, int MemoryIndex, string Sender, CtipSmsType Type, CtipSmsPart Part, DateTime Timestamp, string Text) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSG";
}

/// <summary><c>RECB &lt;ext&gt; &lt;recId&gt;</c>: recording started.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="RecordingId">Main id plus two-digit part number, e.g. <c>123456700</c>; kept as text because it is an identifier.</param>
public sealed record CtipRecordingStarted(string Extension, string RecordingId) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "RECB";
}

/// <summary><c>RECC &lt;ext&gt; &lt;recId&gt;</c>: recording cancelled.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="RecordingId">The recording id.</param>
public sealed record CtipRecordingCancelled(string Extension, string RecordingId) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "RECC";
}

/// <summary><c>RECE &lt;ext&gt; &lt;recId&gt; &lt;card IP&gt; &lt;path&gt;</c>: recording finished (up to 60 s after the call); fetch the file by FTP from the card.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="RecordingId">The recording id.</param>
/// <param name="CardAddress">IP address of the card holding the file.</param>
/// <param name="Path">Path and name of the WAV file on the card (the rest of the line).</param>
public sealed record CtipRecordingEnded(string Extension, string RecordingId, string CardAddress, string Path) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "RECE";
}
