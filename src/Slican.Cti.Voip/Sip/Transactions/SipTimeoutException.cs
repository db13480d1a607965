namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>No final response arrived within 64*T1 (timer B or F).</summary>
public sealed class SipTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public SipTimeoutException(string method, string destination, TimeSpan after)
        : base($"No final response to {method} from {destination} within {after.TotalSeconds:0.#} s. Check the address and port of the registrar or peer, the transport (UDP/TCP) and any firewall between.")
    {
        Method = method;
    }

    /// <summary>Method of the request that timed out.</summary>
    public string Method { get; }
}
