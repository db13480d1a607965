using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>What a transaction needs from the transport layer: send one message to one peer.</summary>
public interface ISipMessageSender
{
    /// <summary>Sends a message.</summary>
    ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken);
}
