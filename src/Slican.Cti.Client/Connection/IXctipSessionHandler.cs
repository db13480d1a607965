using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Client;

/// <summary>Receives what a connection's reader decodes. Called on the reader loop: must not block or run user code.</summary>
internal interface IXctipSessionHandler
{
    /// <summary>A message that completed no pending request (events, <c>LogInfo_ANS</c>, uncorrelated replies).</summary>
    void OnMessage(CtiConnection connection, XctipMessage message);
}
