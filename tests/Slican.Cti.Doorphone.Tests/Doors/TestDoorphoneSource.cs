using System.Threading.Channels;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Tests.Doors;

/// <summary>The PBX side for doorphone tests: raises status/ringing events on demand and records requests.</summary>
internal sealed class TestDoorphoneSource : IDoorphoneSource, IDoorDtmfSender
{
    public event EventHandler<DoorphoneStatusEventArgs>? StatusChanged;

    public event EventHandler<DoorphoneCallEventArgs>? Ringing;

    public event EventHandler<DoorphoneCallEventArgs>? CallEnded;

    public Channel<int> OpenRequests { get; } = Channel.CreateUnbounded<int>();

    public Channel<(int Id, string Digits)> DtmfSent { get; } = Channel.CreateUnbounded<(int, string)>();

    public Dictionary<int, CameraLink> Links { get; } = [];

    public Exception? OpenFailure { get; set; }

    public Exception? DtmfFailure { get; set; }

    /// <summary>What the PBX does after acknowledging Open_REQ (e.g. report Door=Open); null = nothing.</summary>
    public Action<int>? AfterOpen { get; set; }

    public int CameraLinkRequests { get; private set; }

    public void Status(int id, DoorState? door, bool? camera) => StatusChanged?.Invoke(this, new DoorphoneStatusEventArgs(id, door, camera));

    public void Ring(int id) => Ringing?.Invoke(this, new DoorphoneCallEventArgs(id, "call-" + id));

    public void End(int id) => CallEnded?.Invoke(this, new DoorphoneCallEventArgs(id, "call-" + id));

    public Task OpenDoorAsync(int doorphoneId, CancellationToken cancellationToken)
    {
        OpenRequests.Writer.TryWrite(doorphoneId);
        if (OpenFailure is not null)
        {
            return Task.FromException(OpenFailure);
        }

        AfterOpen?.Invoke(doorphoneId);
        return Task.CompletedTask;
    }

    public Task<CameraLink?> GetCameraLinkAsync(int doorphoneId, CancellationToken cancellationToken)
    {
        CameraLinkRequests++;
        return Task.FromResult(Links.GetValueOrDefault(doorphoneId));
    }

    public Task SendDtmfAsync(int doorphoneId, string digits, CancellationToken cancellationToken)
    {
        DtmfSent.Writer.TryWrite((doorphoneId, digits));
        return DtmfFailure is null ? Task.CompletedTask : Task.FromException(DtmfFailure);
    }
}
