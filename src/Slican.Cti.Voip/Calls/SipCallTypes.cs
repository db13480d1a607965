using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Calls;

/// <summary>Where a call is in its life.</summary>
public enum SipCallState
{
    /// <summary>Outgoing INVITE sent, no answer yet.</summary>
    Calling,

    /// <summary>Outgoing: the far end rings (180). Incoming: we ring (answer or reject).</summary>
    Ringing,

    /// <summary>Outgoing: 183 with SDP, media flows before the answer.</summary>
    EarlyMedia,

    /// <summary>Answered and ACKed.</summary>
    Established,

    /// <summary>Ended.</summary>
    Terminated,
}

/// <summary>Who started the call.</summary>
public enum SipCallDirection
{
    /// <summary>We called.</summary>
    Outgoing,

    /// <summary>We were called.</summary>
    Incoming,
}

/// <summary>How DTMF is sent.</summary>
public enum DtmfMode
{
    /// <summary>RFC 4733 when negotiated, else SIP INFO.</summary>
    Auto,

    /// <summary>RFC 4733 telephone-event RTP packets.</summary>
    Rfc4733,

    /// <summary>SIP INFO with application/dtmf-relay (fallback for peers without telephone-event).</summary>
    SipInfo,
}

/// <summary>Media settings for one call.</summary>
public sealed record SipCallOptions
{
    /// <summary>Codecs offered or accepted, in preference order. Default PCMA then PCMU.</summary>
    public IReadOnlyList<G711Law> Codecs { get; init; } = new[] { G711Law.ALaw, G711Law.MuLaw };

    /// <summary>Audio to send; silence when null. Can be changed later on <see cref="SipCall.Media"/>.</summary>
    public IAudioSource? Source { get; init; }

    /// <summary>Where received audio goes; discarded when null.</summary>
    public IAudioSink? Sink { get; init; }

    /// <summary>Extra headers for the INVITE (e.g. Replaces, Referred-By).</summary>
    public IReadOnlyList<Sip.Messages.SipHeader> ExtraHeaders { get; init; } = Array.Empty<Sip.Messages.SipHeader>();

    /// <summary>Accept a REFER from the far end by calling its target automatically. Default true.</summary>
    public bool AcceptTransfers { get; init; } = true;
}

/// <summary>Why a call ended.</summary>
/// <param name="StatusCode">SIP status that ended it (e.g. 486, 487), or null for BYE.</param>
/// <param name="Reason">Reason in words.</param>
/// <param name="ByRemote">True when the far end ended it.</param>
public sealed record SipCallEnd(int? StatusCode, string Reason, bool ByRemote);

/// <summary>An outgoing call was not answered: busy, rejected, cancelled, timed out.</summary>
public sealed class SipCallFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SipCallFailedException(string message, int? statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>SIP status, or null when there was none (e.g. local cancel).</summary>
    public int? StatusCode { get; }
}
