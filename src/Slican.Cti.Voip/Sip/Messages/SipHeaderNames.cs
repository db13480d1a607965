namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>Well-known header names and the RFC 3261 §7.3.3 compact forms.</summary>
public static class SipHeaderNames
{
#pragma warning disable CS1591 // the names are their own documentation
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentType = "Content-Type";
    public const string ContentLength = "Content-Length";
    public const string Expires = "Expires";
    public const string MinExpires = "Min-Expires";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string UserAgent = "User-Agent";
    public const string Allow = "Allow";
    public const string Supported = "Supported";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Replaces = "Replaces";
    public const string Subject = "Subject";
    public const string ContentEncoding = "Content-Encoding";
    public const string AllowEvents = "Allow-Events";
#pragma warning restore CS1591

    /// <summary>Expands a compact form (<c>v</c>, <c>f</c>, ...) to its full name; other names come back unchanged.</summary>
    public static string Expand(string name) => name.Length != 1 ? name : char.ToLowerInvariant(name[0]) switch
    {
        'v' => Via,
        'f' => From,
        't' => To,
        'i' => CallId,
        'm' => Contact,
        'c' => ContentType,
        'l' => ContentLength,
        'k' => Supported,
        's' => Subject,
        'e' => ContentEncoding,
        'o' => Event,
        'r' => ReferTo,
        'b' => ReferredBy,
        'u' => AllowEvents,
        _ => name,
    };
}
