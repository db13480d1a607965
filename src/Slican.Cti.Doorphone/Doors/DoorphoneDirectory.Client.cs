using Microsoft.Extensions.Logging;
using Slican.Cti.Client;

namespace Slican.Cti.Doorphone.Doors;

public sealed partial class DoorphoneDirectory
{
    private CtiDoorphoneSource? _ownedSource;

    /// <summary>
    /// The doorphones of a <see cref="CtiClient"/>: creates a <see cref="CtiDoorphoneSource"/> over the client and a
    /// directory over it. Disposing the directory detaches both from the client; the client itself stays open.
    /// </summary>
    /// <param name="client">The CTI client (typically connected already; doorphones it knows appear at once).</param>
    /// <param name="options">Confirmation timeout and DTMF fallback.</param>
    /// <param name="dtmf">The DTMF sender for the fallback, e.g. a <see cref="SipCallDoorDtmfSender"/>; null = none.</param>
    /// <param name="logger">Logger; DTMF codes and camera credentials are never logged.</param>
    public static DoorphoneDirectory ForClient(CtiClient client, DoorphoneOptions? options = null, IDoorDtmfSender? dtmf = null, ILogger<DoorphoneDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var source = new CtiDoorphoneSource(client);
        try
        {
            return new DoorphoneDirectory(source, options, dtmf, logger) { _ownedSource = source };
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}
