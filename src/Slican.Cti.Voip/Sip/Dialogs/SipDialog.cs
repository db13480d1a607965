using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): Call-ID, tags, URIs, remote target, route set and CSeq counters. Builds the
/// in-dialog requests (BYE, re-INVITE, REFER, INFO, NOTIFY) and knows where they go (loose routing).
/// </summary>
public sealed class SipDialog
{
    /// <summary>Creates a dialog.</summary>
    public SipDialog(string callId, string localTag, SipNameAddress localUri, SipNameAddress remoteUri, SipUri remoteTarget, SipTransportKind transport, uint localSeq)
    {
        CallId = callId;
        LocalTag = localTag;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        Transport = transport;
        LocalSeq = localSeq;
    }

    /// <summary>Call-ID.</summary>
    public string CallId { get; }

    /// <summary>Our tag.</summary>
    public string LocalTag { get; }

    /// <summary>The peer's tag (null while no response carried one).</summary>
    public string? RemoteTag { get; set; }

    /// <summary>Our From/To address without tag.</summary>
    public SipNameAddress LocalUri { get; }

    /// <summary>The peer's address without tag.</summary>
    public SipNameAddress RemoteUri { get; }

    /// <summary>Where in-dialog requests are addressed (the peer's Contact).</summary>
    public SipUri RemoteTarget { get; set; }

    /// <summary>Route set from Record-Route, in the order requests must follow.</summary>
    public List<string> RouteSet { get; set; } = new();

    /// <summary>Transport for requests.</summary>
    public SipTransportKind Transport { get; }

    /// <summary>Last CSeq number we used.</summary>
    public uint LocalSeq { get; set; }

    /// <summary>Last CSeq number the peer used, or null.</summary>
    public uint? RemoteSeq { get; set; }

    /// <summary>Builds an in-dialog request with the next CSeq (ACK and CANCEL reuse the INVITE's number).</summary>
    public SipRequest CreateRequest(string method, SipVia via, string contact, string userAgent, uint? cseq = null)
    {
        var request = new SipRequest(method, RemoteTarget.ToString());
        request.AddHeader(SipHeaderNames.Via, via.ToString());
        request.AddHeader(SipHeaderNames.MaxForwards, "70");
        foreach (string route in RouteSet)
        {
            request.AddHeader(SipHeaderNames.Route, route);
        }

        request.AddHeader(SipHeaderNames.From, LocalUri.WithTag(LocalTag).ToString());
        request.AddHeader(SipHeaderNames.To, RemoteTag is null ? RemoteUri.ToString() : RemoteUri.WithTag(RemoteTag).ToString());
        request.AddHeader(SipHeaderNames.CallId, CallId);
        uint number = cseq ?? ++LocalSeq;
        request.AddHeader(SipHeaderNames.CSeq, new SipCSeq(number, method).ToString());
        if (method is not ("ACK" or "CANCEL" or "BYE"))
        {
            request.AddHeader(SipHeaderNames.Contact, contact);
        }

        request.AddHeader(SipHeaderNames.UserAgent, userAgent);
        return request;
    }

    /// <summary>Host and port in-dialog requests are sent to: the first loose route, else the remote target.</summary>
    public (string Host, int Port) NextHop()
    {
        if (RouteSet.Count > 0)
        {
            var first = SipNameAddress.Parse(RouteSet[0]).Uri;
            return (first.Host, first.Port ?? 5060);
        }

        return (RemoteTarget.Host, RemoteTarget.Port ?? 5060);
    }
}
