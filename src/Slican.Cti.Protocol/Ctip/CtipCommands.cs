using System.Text;

namespace Slican.Cti.Protocol.Ctip;

// Terminal → PBX commands (spec sections 4.2 and 4.3). Extensions are bare numbers; the writer pads them.

/// <summary><c>WHO</c>: asks the PBX for its model, serial, firmware and clock; works without login (protocol 14+).</summary>
public sealed record CtipWho : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "WHO";
}

/// <summary><c>LOGI &lt;ext&gt; &lt;key&gt;</c>: logs in to one extension. Only one LOGI or LOGA per connection.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Key">The four-character access key, or <see langword="null"/> for none (<c>____</c>). Never printed.</param>
public sealed record CtipLogin(string Extension, string? Key) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "LOGI";

    /// <summary>Redacts the key so logs never leak it.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = LOGI, Extension = ").Append(Extension).Append(", Key = ").Append(Key is null ? "null" : "***");
        return true;
    }
}

/// <summary><c>LOGI G&lt;nnn&gt; &lt;PIN&gt; [&lt;codepage&gt;]</c>: logs in to a GSM gateway port; the module then replays buffered SMS events.</summary>
/// <param name="Port">The GSM port, e.g. <c>G001</c>.</param>
/// <param name="Pin">The SIM PIN. Never printed.</param>
/// <param name="CodePage">The code page name (<c>PBX</c>, <c>UTF8</c>, <c>WIN1250</c>…), or <see langword="null"/> for the PBX default; protocol 14.01+.</param>
public sealed record CtipGsmLogin(string Port, string Pin, string? CodePage) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "LOGI";

    /// <summary>
    /// Finds the encoding the GSM module will use for this session, so the connection can switch to it:
    /// no code page or <c>PBX</c> means IBM852; every code page of the CTIP spec is known. Fails for names outside the spec.
    /// </summary>
    public bool TryGetEncoding([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Text.CtiEncoding? encoding) =>
        Text.CtiEncoding.TryGetByName(CodePage ?? "PBX", out encoding);

    /// <summary>Redacts the PIN so logs never leak it.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = LOGI, Port = ").Append(Port).Append(", Pin = ***, CodePage = ").Append(CodePage ?? "null");
        return true;
    }
}

/// <summary><c>LOGO &lt;ext|G&lt;nnn&gt;&gt;</c>: ends a LOGI session; mandatory before closing it.</summary>
/// <param name="Extension">The extension (unpadded) or GSM port (<c>G001</c>).</param>
public sealed record CtipLogout(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "LOGO";
}

/// <summary><c>LOGA &lt;key&gt;</c>: monitors all extensions; no logout, close the socket instead.</summary>
/// <param name="Key">The billing access key, or <see langword="null"/> for none (<c>____</c>). Never printed.</param>
public sealed record CtipLoginAll(string? Key) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "LOGA";

    /// <summary>Redacts the key so logs never leak it.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = LOGA, Key = ").Append(Key is null ? "null" : "***");
        return true;
    }
}

/// <summary><c>RQST &lt;ext&gt;</c>: asks for the current state; answered with <see cref="CtipState"/>.</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipRequestState(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "RQST";
}

/// <summary><c>PICK &lt;ext&gt;</c>: lifts a CTS system phone (speaker); analog and SIP phones answer NA 24.</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipPick(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "PICK";
}

/// <summary><c>HANG &lt;ext&gt;</c>: releases the speakerphone of a CTS system phone.</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipHang(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "HANG";
}

/// <summary><c>DIAL &lt;ext&gt; &lt;digits&gt;</c>: dials; analog and SIP phones get a call-back first (protocol 15.01+).</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Digits">Up to 16 of <c>0-9 * #</c> and <c>/</c> (flash), including any outside-line prefix.</param>
public sealed record CtipDial(string Extension, string Digits) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "DIAL";
}

/// <summary><c>REJ &lt;ext&gt; [&lt;target&gt;]</c>: rejects a ringing call, or deflects it when a target is given.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Target">The deflection target (unpadded), or <see langword="null"/> to reject.</param>
public sealed record CtipReject(string Extension, string? Target) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "REJ";
}

/// <summary><c>FWD &lt;ext&gt; &lt;when&gt; &lt;which&gt; &lt;rings&gt; &lt;number&gt;</c>: sets a call forwarding.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="When">When the forwarding applies.</param>
/// <param name="Scope">Which calls it applies to.</param>
/// <param name="Rings">Rings before forwarding, 0–9.</param>
/// <param name="Number">The destination number, as dialled.</param>
public sealed record CtipForward(string Extension, CtipForwardCondition When, CtipForwardScope Scope, int Rings, string Number) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "FWD";
}

/// <summary><c>FWD &lt;ext&gt; D</c>: deletes the call forwarding.</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipForwardDelete(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "FWD";
}

/// <summary><c>MCID &lt;ext&gt;</c>: flags the current incoming call as malicious (not on NCP).</summary>
/// <param name="Extension">The extension, unpadded.</param>
public sealed record CtipMaliciousCall(string Extension) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "MCID";
}

/// <summary><c>ACC &lt;ext&gt; T &lt;account&gt; &lt;key&gt;</c> or <c>ACC &lt;ext&gt; F</c>: registers or drops another account's privileges.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Enable"><see langword="true"/> (<c>T</c>) to register, <see langword="false"/> (<c>F</c>) to drop.</param>
/// <param name="Account">The account number when enabling, otherwise <see langword="null"/>.</param>
/// <param name="Key">The account key when enabling, otherwise <see langword="null"/>. Never printed.</param>
public sealed record CtipAccount(string Extension, bool Enable, string? Account, string? Key) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "ACC";

    /// <summary>Redacts the key so logs never leak it.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = ACC, Extension = ").Append(Extension).Append(", Enable = ").Append(Enable)
            .Append(", Account = ").Append(Account ?? "null").Append(", Key = ").Append(Key is null ? "null" : "***");
        return true;
    }
}

/// <summary><c>LOCK &lt;ext&gt; T &lt;key&gt;</c> or <c>LOCK &lt;ext&gt; F</c>: locks or unlocks the phone.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Lock"><see langword="true"/> (<c>T</c>) to lock, <see langword="false"/> (<c>F</c>) to unlock.</param>
/// <param name="Key">The key when locking, otherwise <see langword="null"/>. Never printed.</param>
public sealed record CtipLock(string Extension, bool Lock, string? Key) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "LOCK";

    /// <summary>Redacts the key so logs never leak it.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Command = LOCK, Extension = ").Append(Extension).Append(", Lock = ").Append(Lock)
            .Append(", Key = ").Append(Key is null ? "null" : "***");
        return true;
    }
}

/// <summary><c>DND &lt;ext&gt; T|F</c>: switches do-not-disturb.</summary>
/// <param name="Extension">The extension, unpadded.</param>
/// <param name="Enable">Whether DND goes on.</param>
public sealed record CtipDnd(string Extension, bool Enable) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "DND";
}

/// <summary>
/// <c>SMSS G&lt;nnn&gt; &lt;number&gt; [M&lt;ref&gt;,&lt;part&gt;,&lt;total&gt;] [C&lt;enc&gt;] &lt;type&gt; &lt;validity&gt; &lt;text&gt;</c>:
/// sends an SMS through a GSM port. Only one at a time: wait for SMSA before the next.
/// </summary>
/// <param name="Port">The GSM port, e.g. <c>G001</c>.</param>
/// <param name="Number">The recipient, passed through unchanged.</param>
/// <param name="Multipart">The part marker for multipart messages (13.01+), or <see langword="null"/> for a single part.</param>
/// <param name="Coding">The data coding, or <see langword="null"/> to omit the field.</param>
/// <param name="Type">Normal or flash, with or without delivery report.</param>
/// <param name="Validity">ETSI TP-VP byte (167 = 24 h).</param>
/// <param name="Text">The text with real line breaks; the codec escapes them (and backslashes) on the wire. CR LF and lone CR are sent as one line break.</param>
public sealed record CtipSmsSend(string Port, string Number, CtipSmsPart? Multipart, CtipSmsCoding? Coding, CtipSmsType Type, byte Validity, string Text) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SMSS";
}

/// <summary><c>SOK G&lt;nnn&gt; &lt;memidx&gt;</c>: acknowledges an SMSR or SMSG so the module deletes it and moves on.</summary>
/// <param name="Port">The GSM port, e.g. <c>G001</c>.</param>
/// <param name="MemoryIndex">The memory index from the acknowledged message.</param>
public sealed record CtipSmsOk(string Port, int MemoryIndex) : CtipMessage
{
    /// <inheritdoc />
    public override string Command => "SOK";
}
