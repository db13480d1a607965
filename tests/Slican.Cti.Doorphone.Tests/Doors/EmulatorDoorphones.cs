using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Doorphone.Tests.Doors;

/// <summary>An in-process PBX emulator and a CTI client logged in as 201 (Anna, may view cameras) or another user.</summary>
internal sealed class EmulatorDoorphones : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private EmulatorDoorphones(PbxEmulator pbx, CtiClient client)
    {
        Pbx = pbx;
        Client = client;
    }

    public PbxEmulator Pbx { get; }

    public CtiClient Client { get; }

    /// <summary>The default office, optionally with the doorphone's camera pointed elsewhere and an injected clock for the PBX.</summary>
    public static async Task<EmulatorDoorphones> StartAsync(Uri? cameraUrl = null, TimeProvider? pbxTime = null, string user = "201")
    {
        var world = PbxWorldData.CreateDefault();
        if (cameraUrl is not null)
        {
            world = world with
            {
                Subscribers = [.. world.Subscribers.Select(s => s.Id == 1050 ? s with { CameraUrl = cameraUrl.ToString() } : s)],
            };
        }

        var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { World = world, TimeProvider = pbxTime ?? TimeProvider.System });
        try
        {
            var client = await CtiClient.ConnectAsync(new CtiClientOptions
            {
                Host = "127.0.0.1",
                Port = pbx.XctipEndPoint.Port,
                User = user,
                Password = "1234",
                SyncHistory = false,
            }).WaitAsync(Guard);
            return new EmulatorDoorphones(pbx, client);
        }
        catch
        {
            await pbx.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Pbx.DisposeAsync();
    }
}
