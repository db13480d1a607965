namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// A SIP message was malformed or exceeded a size limit. The message tells what was wrong and where, so a
/// peer's bug (or an attack) can be diagnosed from the log; the transport drops such messages and keeps running.
/// </summary>
public sealed class SipParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SipParseException(string reason, int byteOffset)
        : base($"Malformed SIP message at byte {byteOffset}: {reason}.")
    {
        Reason = reason;
        ByteOffset = byteOffset;
    }

    /// <summary>What was wrong, in words.</summary>
    public string Reason { get; }

    /// <summary>Offset in the datagram or stream frame where the problem was detected.</summary>
    public int ByteOffset { get; }
}
